"""A holder's administrator invites and removes the users of the organisation's portal."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.errors import NotPermitted, NotVisible
from qualimark.journal.services import entries_for
from qualimark.notifications.models import Mail
from qualimark.parties.memberships import MembershipError, invite_user, remove_user
from qualimark.parties.models import Organisation, Role, RoleKind

CaptureCallbacks = Callable[..., Any]


def invite_marie(holder: Organisation, by: User, **options: Any) -> Role:
    arguments: dict[str, Any] = {
        "email": "Marie.Dupont@geotex.example",
        "first_name": "Marie",
        "last_name": "Dupont",
        "language": "fr",
    }
    arguments.update(options)
    return invite_user(holder, by=by, **arguments)


def test_an_invitation_makes_an_account_without_password_and_queues_one_mail(
    holder: Organisation,
    holder_member: User,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        role = invite_marie(holder, holder_member)

    marie = User.objects.get(email="marie.dupont@geotex.example")
    assert role.kind == RoleKind.INVITED_USER
    assert role.person.user == marie
    assert marie.language == "fr"
    assert not marie.has_usable_password()
    assert marie.has_perm("portal.use")
    assert Mail.objects.filter(key=f"invitation:{role.pk}:marie.dupont@geotex.example").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["marie.dupont@geotex.example"]


def test_the_invitation_link_lets_the_invitee_choose_a_password_in_french(
    holder: Organisation,
    holder_member: User,
    client: Client,
    settings: Any,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    settings.QUALIMARK_PUBLIC_URL = "https://registry.example"
    with django_capture_on_commit_callbacks(execute=True):
        invite_marie(holder, holder_member)

    link = re.search(
        r"https://registry\.example(/fr/account/password/reset/\S+)", str(mail.outbox[0].body)
    )
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    chosen = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a long and new secret 42", "new_password2": "a long and new secret 42"},
    )
    assert chosen.status_code == 302
    assert client.login(email="marie.dupont@geotex.example", password="a long and new secret 42")


def test_a_user_with_an_account_is_told_to_sign_in(
    holder: Organisation,
    holder_member: User,
    outsider: User,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite_user(
            holder,
            by=holder_member,
            email=outsider.email,
            first_name="Pat",
            last_name="Outsider",
            language="en",
            kind=RoleKind.HOLDER_ADMINISTRATOR,
        )

    assert outsider.has_perm("parties.manage_users", holder)
    # In the language the account already has (Dutch), not the one given with the invitation.
    assert "/nl/account/login/" in mail.outbox[0].body
    assert "password/reset" not in mail.outbox[0].body
    assert outsider.check_password("correct-horse-battery")


def test_a_second_invitation_of_the_same_person_is_refused_and_sends_nothing(
    holder: Organisation,
    holder_member: User,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite_marie(holder, holder_member)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MembershipError) as error:
        invite_marie(holder, holder_member, email="marie.dupont@geotex.example")

    assert "already has access" in error.value.message
    assert Mail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_invited_user_cannot_invite(holder: Organisation, invited_member: User) -> None:
    with translation.override("en"), pytest.raises(NotPermitted) as error:
        invite_marie(holder, invited_member)

    assert error.value.code == "role_not_allowed"
    assert "may not manage the organisation's users" in error.value.message
    assert not User.objects.filter(email="marie.dupont@geotex.example").exists()
    assert not Mail.objects.exists()


def test_holder_b_cannot_invite_into_holder_a(holder: Organisation, other_admin: User) -> None:
    """Holder A is not holder B's to see: the refusal is "not found", as for no holder at all."""
    with pytest.raises(NotVisible):
        invite_marie(holder, other_admin)
    assert not User.objects.filter(email="marie.dupont@geotex.example").exists()


@pytest.mark.parametrize("persona", ["decision_maker", "file_manager", "reviewer", "inspector"])
def test_the_holder_cannot_invite_the_body_s_staff_or_an_inspector(
    request: pytest.FixtureRequest,
    holder: Organisation,
    holder_member: User,
    planned: object,
    persona: str,
) -> None:
    """ISO/IEC 17065 4.2: a person of the body who acted for a holder could decide on its files."""
    person = request.getfixturevalue(persona)
    roles, mails = Role.objects.count(), Mail.objects.count()

    with translation.override("en"), pytest.raises(MembershipError) as error:
        invite_marie(holder, holder_member, email=person.email)

    assert error.value.code == "impartial_person"
    assert "impartiality" in error.value.message
    assert (Role.objects.count(), Mail.objects.count()) == (roles, mails)


def test_a_bad_address_is_refused(holder: Organisation, holder_member: User) -> None:
    with pytest.raises(MembershipError) as error:
        invite_marie(holder, holder_member, email="marie at geotex")

    assert error.value.message == "Enter a valid e-mail address."


def test_removal_takes_away_the_portal(
    holder: Organisation, holder_member: User, invited_member: User
) -> None:
    role = Role.objects.get(person__user=invited_member, organisation=holder)

    remove_user(role, by=holder_member)

    assert not invited_member.has_perm("portal.use")
    assert not invited_member.has_perm("certification.apply", holder)


def test_an_invited_user_cannot_remove_anyone(
    holder: Organisation, holder_member: User, invited_member: User
) -> None:
    admin_role = Role.objects.get(person__user=holder_member, organisation=holder)

    with pytest.raises(NotPermitted):
        remove_user(admin_role, by=invited_member)

    assert Role.objects.filter(pk=admin_role.pk).exists()


def test_the_last_administrator_cannot_be_removed(
    holder: Organisation, holder_member: User
) -> None:
    role = Role.objects.get(person__user=holder_member, organisation=holder)

    with pytest.raises(MembershipError) as error:
        remove_user(role, by=holder_member)

    assert "last administrator" in error.value.message
    assert holder_member.has_perm("parties.manage_users", holder)


def test_an_administrator_may_leave_once_another_one_is_appointed(
    holder: Organisation, holder_member: User
) -> None:
    invite_marie(holder, holder_member, kind=RoleKind.HOLDER_ADMINISTRATOR)
    role = Role.objects.get(person__user=holder_member, organisation=holder)

    remove_user(role, by=holder_member)

    assert not holder_member.has_perm("portal.use")


def test_invitations_and_removals_are_journalled(holder: Organisation, holder_member: User) -> None:
    role = invite_marie(holder, holder_member)
    remove_user(role, by=holder_member)

    actions = list(entries_for(holder).values_list("action", "actor"))
    assert ("membership.invited", holder_member.pk) in actions
    assert ("membership.removed", holder_member.pk) in actions
