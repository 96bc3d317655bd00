"""Answering an inspection report within its 5 working days, and being refused after them."""

from datetime import datetime
from zoneinfo import ZoneInfo

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.oversight.models import Comment, Inspection
from qualimark.oversight.reports import close_comment_window
from qualimark.parties.roles import system_actor
from tests.portal.conftest import url

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_the_report_page_shows_findings_samples_summary_and_the_deadline(
    login, holder_member: User, sent: Inspection
):
    page = login(holder_member).get(url("inspection", sent.reference)).content.decode()

    assert "No tensile test recorded for lots 2026-031 to 2026-036." in page
    assert "Major nonconformity" in page
    assert "PTV 829 2021.2 §5.2" in page
    assert "S-2026-114" in page
    assert "Production and FPC visited." in page
    assert "until 23 March 2026 inclusive: 5 working days left after today" in page
    assert url("inspection-comment", sent.reference) in page


def test_a_holder_comments_within_the_window(login, invited_member: User, sent: Inspection):
    client = login(invited_member)

    response = client.post(
        url("inspection-comment", sent.reference),
        {"text": "Tensile tests for lots 031 to 036 were done; records attached by mail."},
        follow=True,
    )

    page = response.content.decode()
    assert "Your comment has been sent to the certification body." in page
    assert "Tensile tests for lots 031 to 036 were done" in page
    comment = Comment.objects.get(inspection=sent)
    assert comment.by == invited_member


def test_an_empty_comment_is_refused_with_a_message(login, holder_member: User, sent: Inspection):
    response = login(holder_member).post(url("inspection-comment", sent.reference), {"text": " "})

    assert response.status_code == 400
    assert "Write your comment before you send it." in response.content.decode()
    assert not Comment.objects.exists()


def test_on_the_deadline_day_the_page_says_it_is_the_last_day(
    login, holder_member: User, sent: Inspection
):
    with clock.frozen_at(datetime(2026, 3, 23, 17, 0, tzinfo=BRUSSELS)):
        page = login(holder_member).get(url("inspection", sent.reference)).content.decode()

    assert "until 23 March 2026 inclusive: today is the last day" in page


def test_after_the_deadline_the_form_gives_way_to_a_notice(
    login, holder_member: User, sent: Inspection
):
    with clock.frozen_at(datetime(2026, 3, 24, 9, 0, tzinfo=BRUSSELS)):
        page = login(holder_member).get(url("inspection", sent.reference)).content.decode()

    assert "The time to comment on this report ended on 23 March 2026" in page
    assert url("inspection-comment", sent.reference) not in page


def test_a_late_comment_is_refused_with_the_services_message(
    login, holder_member: User, sent: Inspection
):
    client = login(holder_member)
    with clock.frozen_at(datetime(2026, 3, 24, 0, 5, tzinfo=BRUSSELS)):
        response = client.post(url("inspection-comment", sent.reference), {"text": "Late."})

    assert response.status_code == 400
    assert (
        f"The time to comment on report {sent.reference} ended on 23 March 2026: "
        "comments are no longer accepted."
    ) in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_after_the_window_was_closed_gets_the_same_refusal(
    login, holder_member: User, sent: Inspection
):
    client = login(holder_member)
    with clock.frozen_at(datetime(2026, 3, 25, 9, 0, tzinfo=BRUSSELS)):
        close_comment_window(sent, by=system_actor())
        response = client.post(url("inspection-comment", sent.reference), {"text": "Late."})

    assert response.status_code == 400
    assert "comments are no longer accepted" in response.content.decode()
    assert not Comment.objects.exists()
