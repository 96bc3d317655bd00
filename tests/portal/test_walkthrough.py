"""Two holder users through a working day: sign in, read the files, answer, propose, invite."""

from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.datasheets.models import Datasheet, DatasheetProposal
from qualimark.oversight.models import Comment, Inspection
from qualimark.parties.models import Organisation, Role
from tests.portal.conftest import url


def _sign_in(client: Client, user: User) -> str:
    """Sign in on the login page and return the page the user lands on."""
    user.language = "en"  # the portal opens in the language the person chose
    user.save(update_fields=["language"])
    response = client.post(
        reverse("signin:login"),
        {"username": user.email, "password": "correct-horse-battery"},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_administrator_reads_answers_and_invites_and_the_invited_user_works_within_its_role(
    client: Client,
    holder_member: User,
    holder: Organisation,
    sent: Inspection,
    datasheet: Datasheet,
    django_capture_on_commit_callbacks,
):
    home = _sign_in(client, holder_member)
    assert "My files" in home
    assert sent.reference in home

    file_page = client.get(url("file", sent.certificate.number)).content.decode()
    assert url("inspection", sent.reference) in file_page
    assert client.get(url("certificate-pdf", sent.certificate.number)).status_code == 200
    assert client.get(url("datasheet-pdf", datasheet.quick_code)).status_code == 200

    client.post(url("inspection-comment", sent.reference), {"text": "Records are attached."})
    assert Comment.objects.filter(inspection=sent, by=holder_member).exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("users-invite", holder.pk),
            {
                "email": "lies.claes@geotex.example",
                "first_name": "Lies",
                "last_name": "Claes",
                "language": "nl",
                "kind": "invited_user",
            },
        )
    invited = User.objects.get(email="lies.claes@geotex.example")
    invited.set_password("correct-horse-battery")
    invited.save()
    client.post(reverse("signin:logout"))

    home = _sign_in(client, invited)
    assert sent.certificate.number in home
    assert "Manage users" not in home
    client.post(
        url("propose-version", datasheet.quick_code),
        {"trade_name": "GeoTex N300 Pro", "characteristics": "Tensile strength | 13 | kN/m"},
    )
    assert DatasheetProposal.objects.get().proposed_by == invited
    assert client.get(url("renounce", sent.certificate.number)).status_code == 403
    admin_role = Role.objects.get(person__user=holder_member)
    assert client.post(url("users-remove", holder.pk, admin_role.pk)).status_code == 403
