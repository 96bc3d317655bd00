"""The users of an organisation: listed for all of them, managed by its administrators."""

from django.core import mail

from qualimark.accounts.models import User
from qualimark.parties.models import Organisation, Role, RoleKind
from tests.portal.conftest import url

INVITATION = {
    "email": "els.de.smet@geotex.example",
    "first_name": "Els",
    "last_name": "De Smet",
    "language": "fr",
    "kind": RoleKind.INVITED_USER.value,
}


def test_the_users_page_lists_the_portal_users_and_their_role(
    login, holder_member: User, invited_member: User, holder: Organisation
):
    page = login(invited_member).get(url("users", holder.pk)).content.decode()

    assert "An Peeters" in page
    assert "Administrator (holder)" in page
    assert "Jan Maes" in page
    assert "Invited user (holder)" in page
    assert url("users-invite", holder.pk) not in page
    assert "Only an administrator of the organisation can invite or remove users." in page


def test_an_administrator_invites_a_user_who_gets_an_e_mail(
    login, holder_member: User, holder: Organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(holder_member).post(
            url("users-invite", holder.pk), INVITATION, follow=True
        )

    assert "els.de.smet@geotex.example is invited" in response.content.decode()
    role = Role.objects.get(person__user__email="els.de.smet@geotex.example")
    assert role.kind == RoleKind.INVITED_USER
    assert role.organisation == holder
    assert [message.to for message in mail.outbox] == [["els.de.smet@geotex.example"]]


def test_an_invitation_without_a_valid_address_is_refused(
    login, holder_member: User, holder: Organisation
):
    response = login(holder_member).post(
        url("users-invite", holder.pk), {**INVITATION, "email": "not an address"}
    )

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not User.objects.filter(first_name="Els").exists()


def test_an_administrator_removes_a_user(
    login, holder_member: User, invited_member: User, holder: Organisation
):
    role = Role.objects.get(person__user=invited_member, organisation=holder)

    response = login(holder_member).post(url("users-remove", holder.pk, role.pk), follow=True)

    assert "Jan Maes no longer has access for Geotex Belgium." in response.content.decode()
    assert not Role.objects.filter(pk=role.pk).exists()


def test_the_last_administrator_cannot_be_removed(login, holder_member: User, holder: Organisation):
    role = Role.objects.get(person__user=holder_member, organisation=holder)

    response = login(holder_member).post(url("users-remove", holder.pk, role.pk), follow=True)

    assert "is the last administrator of Geotex Belgium" in response.content.decode()
    assert Role.objects.filter(pk=role.pk).exists()


def test_an_invited_user_may_neither_invite_nor_remove(
    login, holder_member: User, invited_member: User, holder: Organisation
):
    client = login(invited_member)
    admin_role = Role.objects.get(person__user=holder_member, organisation=holder)

    invite = client.post(url("users-invite", holder.pk), INVITATION)
    remove = client.post(url("users-remove", holder.pk, admin_role.pk))

    assert invite.status_code == 403
    assert remove.status_code == 403
    assert not User.objects.filter(email=INVITATION["email"]).exists()
    assert Role.objects.filter(pk=admin_role.pk).exists()
