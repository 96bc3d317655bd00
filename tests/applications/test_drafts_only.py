"""Only a draft changes; a submitted application is a record of what was applied for."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.exceptions import InvalidApplicationDraft
from qualimark.applications.models import Application, ApplicationContact, ApplicationUpload
from tests.applications.conftest import pdf

CHANGES: dict[str, Callable[[Application, User], Any]] = {
    "update": lambda a, by: services.update_application(
        a,
        by=by,
        programme=a.programme,
        production_unit=a.production_unit,
        ptv_version=a.ptv_version,
        notes="Changed afterwards.",
    ),
    "contacts": lambda a, by: services.set_contacts(a, by=by, contacts=[]),
    "upload": lambda a, by: services.add_upload(a, by=by, requirement=None, upload=pdf()),
    "remove upload": lambda a, by: services.remove_upload(a.uploads.all()[0], by=by),
    "discard": lambda a, by: services.discard_application(a, by=by),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_submitted_application_cannot_be_changed(
    complete: Application, holder_member: User, change: str
) -> None:
    services.submit_application(complete, by=holder_member)

    with pytest.raises(InvalidApplicationDraft, match="the application is submitted") as refusal:
        CHANGES[change](complete, holder_member)
    assert refusal.value.code == "invalid_application_draft"

    stored = Application.objects.get(pk=complete.pk)
    assert stored.notes == "Nonwoven geotextiles made at Zeehaven."
    assert stored.contacts.count() == 1
    assert stored.uploads.count() == 2


def test_a_draft_can_be_changed(draft: Application, holder_member: User) -> None:
    services.update_application(
        draft,
        by=holder_member,
        programme=draft.programme,
        production_unit=draft.production_unit,
        ptv_version=None,
        notes="  Also woven geotextiles.  ",
    )

    stored = Application.objects.get(pk=draft.pk)
    assert stored.notes == "Also woven geotextiles."
    assert stored.ptv_version is None


def test_contacts_are_replaced_as_a_whole(draft: Application, holder_member: User) -> None:
    first = services.ContactDetails(name="An Peeters", function="QM", email="an@geotex.example")
    second = services.ContactDetails(name="Jan Maes", function="Plant", email="")
    services.set_contacts(draft, by=holder_member, contacts=[first, second])
    services.set_contacts(draft, by=holder_member, contacts=[second])

    assert list(draft.contacts.values_list("name", flat=True)) == ["Jan Maes"]


def test_a_contact_with_a_bad_e_mail_is_refused(draft: Application, holder_member: User) -> None:
    bad = services.ContactDetails(name="An Peeters", function="QM", email="an@@geotex")

    with pytest.raises(InvalidApplicationDraft, match="an@@geotex is not a valid e-mail"):
        services.set_contacts(draft, by=holder_member, contacts=[bad])
    assert not ApplicationContact.objects.exists()


def test_a_contact_needs_a_name(draft: Application, holder_member: User) -> None:
    nameless = services.ContactDetails(name=" ", function="", email="x@geotex.example")

    with pytest.raises(InvalidApplicationDraft, match="Contact 1 needs a name"):
        services.set_contacts(draft, by=holder_member, contacts=[nameless])


def test_discarding_a_draft_removes_it_and_its_files(
    complete: Application, holder_member: User, django_capture_on_commit_callbacks: Any
) -> None:
    paths = [Path(upload.file.path) for upload in complete.uploads.all()]

    with django_capture_on_commit_callbacks(execute=True):
        services.discard_application(complete, by=holder_member)

    assert not Application.objects.filter(pk=complete.pk).exists()
    assert not ApplicationUpload.objects.exists()
    assert not any(path.exists() for path in paths)
