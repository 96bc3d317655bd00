"""An application is its holder's: its users prepare it; others are refused, each as they stand."""

import pytest

from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.models import Application
from qualimark.errors import NotPermitted, NotVisible
from qualimark.parties.models import Organisation
from qualimark.schemes.models import Programme


def _change_notes(application: Application, by: User) -> None:
    services.update_application(
        application,
        by=by,
        programme=application.programme,
        production_unit=application.production_unit,
        ptv_version=application.ptv_version,
        notes="Changed by someone else.",
    )


def test_an_invited_user_of_the_holder_changes_the_draft(
    draft: Application, invited_member: User
) -> None:
    _change_notes(draft, invited_member)

    assert Application.objects.get(pk=draft.pk).notes == "Changed by someone else."


def test_another_holder_does_not_find_the_draft(draft: Application, other_admin: User) -> None:
    with pytest.raises(NotVisible) as refusal:
        _change_notes(draft, other_admin)

    assert refusal.value.code == "not_found"
    assert Application.objects.get(pk=draft.pk).notes == "Nonwoven geotextiles made at Zeehaven."


@pytest.mark.parametrize("persona", ["file_manager", "decision_maker"])
def test_the_body_reads_the_draft_but_does_not_write_it(
    draft: Application, persona: str, request: pytest.FixtureRequest
) -> None:
    staff: User = request.getfixturevalue(persona)

    with pytest.raises(NotPermitted) as refusal:
        services.discard_application(draft, by=staff)

    assert refusal.value.code == "role_not_allowed"
    assert "user of the holder" in refusal.value.message
    assert Application.objects.filter(pk=draft.pk).exists()
    assert staff.has_perm("applications.view_application", draft)
    assert not staff.has_perm("applications.edit_application", draft)


def test_only_the_holders_users_start_an_application(
    holder: Organisation,
    geotextiles_benor: Programme,
    file_manager: User,
    other_admin: User,
) -> None:
    with pytest.raises(NotPermitted):
        services.start_application(holder, by=file_manager, programme=geotextiles_benor)
    with pytest.raises(NotVisible):
        services.start_application(holder, by=other_admin, programme=geotextiles_benor)

    assert not Application.objects.exists()


def test_the_page_asks_the_rule_the_services_apply(
    complete: Application, holder_member: User, invited_member: User
) -> None:
    assert holder_member.has_perm("applications.edit_application", complete)
    assert invited_member.has_perm("applications.edit_application", complete)

    services.submit_application(complete, by=holder_member)

    assert not holder_member.has_perm("applications.edit_application", complete)
    assert holder_member.has_perm("applications.view_application", complete)
