"""Every step of an application leaves a journal entry naming who took it."""

from typing import Any

from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.models import Application
from qualimark.journal.services import entries_for
from tests.applications.conftest import pdf


def test_each_step_is_journalled_with_its_actor(
    complete: Application, holder_member: User, invited_member: User
) -> None:
    extra = services.add_upload(complete, by=invited_member, requirement=None, upload=pdf("x.pdf"))
    services.remove_upload(extra, by=invited_member)
    certificate = services.submit_application(complete, by=invited_member)

    entries = list(entries_for(complete).order_by("id").values_list("action", "actor__email"))
    assert entries == [
        ("application.started", holder_member.email),
        ("application.upload_added", holder_member.email),
        ("application.upload_added", holder_member.email),
        ("application.contacts_set", holder_member.email),
        ("application.upload_added", invited_member.email),
        ("application.upload_removed", invited_member.email),
        ("application.submitted", invited_member.email),
    ]
    submitted = entries_for(complete).get(action="application.submitted")
    assert submitted.data["certificate"] == certificate.number


def test_discarding_is_journalled_too(
    draft: Application, holder_member: User, django_capture_on_commit_callbacks: Any
) -> None:
    services.discard_application(draft, by=holder_member)

    assert entries_for(draft).filter(action="application.discarded").exists()
