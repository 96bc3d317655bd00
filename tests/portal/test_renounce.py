"""Renouncing a certificate: the holder's administrator only, from today or a later date."""

from datetime import date

from qualimark.accounts.models import User
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision
from tests.portal.conftest import TODAY, url


def test_an_administrator_renounces_a_certificate_from_a_chosen_date(
    login, holder_member: User, certified: Certificate
):
    client = login(holder_member)
    form = client.get(url("renounce", certified.number)).content.decode()
    assert 'value="2026-03-16"' in form  # today by default

    response = client.post(
        url("renounce", certified.number),
        {"effective": "2026-04-01", "reason": "Production stopped.", "confirm": "on"},
        follow=True,
    )

    page = response.content.decode()
    assert f"Certificate {certified.number} is renounced from 1 April 2026." in page
    decision = certified.decisions.get(transition="renounce")
    assert decision.decided_by == holder_member
    assert decision.effective == date(2026, 4, 1)
    certified.forget_history()
    assert certified.status_on(date(2026, 3, 31)) == Status.CERTIFIED
    assert certified.status_on(date(2026, 4, 1)) == Status.RENOUNCED


def test_a_renunciation_in_the_past_is_refused(login, holder_member: User, certified: Certificate):
    response = login(holder_member).post(
        url("renounce", certified.number),
        {"effective": "2026-03-13", "reason": "Production stopped.", "confirm": "on"},
    )

    assert response.status_code == 400
    assert "The date cannot be in the past." in response.content.decode()
    assert not certified.decisions.filter(transition="renounce").exists()


def test_a_renunciation_needs_its_confirmation_and_reason(
    login, holder_member: User, certified: Certificate
):
    response = login(holder_member).post(
        url("renounce", certified.number), {"effective": TODAY.isoformat(), "reason": ""}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Say why you renounce the certificate." in page
    assert "Confirm that you want to renounce the certificate." in page


def test_a_file_that_is_not_certified_cannot_be_renounced_and_the_page_says_why(
    login, holder_member: User, in_trial: Certificate
):
    response = login(holder_member).post(
        url("renounce", in_trial.number),
        {"effective": TODAY.isoformat(), "reason": "Stop.", "confirm": "on"},
    )

    assert response.status_code == 400
    assert "Cannot renounce the certificate" in response.content.decode()
    assert not Decision.objects.filter(transition="renounce").exists()


def test_an_invited_user_may_not_renounce(login, invited_member: User, certified: Certificate):
    client = login(invited_member)

    page = client.get(url("renounce", certified.number))
    post = client.post(
        url("renounce", certified.number),
        {"effective": TODAY.isoformat(), "reason": "Stop.", "confirm": "on"},
    )

    assert page.status_code == 403
    assert post.status_code == 403
    assert "Not allowed" in post.content.decode()
    assert not certified.decisions.filter(transition="renounce").exists()
