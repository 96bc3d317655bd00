"""Answering an inspection report within its 5 working days, and being refused after them."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.oversight.models import Comment, CommentAttachment, Inspection
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


def test_a_comment_sends_files_that_the_body_and_the_holder_can_download(
    login, holder_member: User, file_manager: User, other_admin: User, sent: Inspection
) -> None:
    report = SimpleUploadedFile("tensile tests 031-036.pdf", b"%PDF-1.7 results", "text/plain")
    photo = SimpleUploadedFile("label.png", b"\x89PNG\r\n\x1a\n....", "image/png")

    response = login(holder_member).post(
        url("inspection-comment", sent.reference),
        {"text": "The tensile tests are attached.", "attachments": [report, photo]},
        follow=True,
    )

    assert "Your comment has been sent to the certification body." in response.content.decode()
    files = list(CommentAttachment.objects.order_by("id"))
    assert [(f.original_name, f.content_type) for f in files] == [
        ("tensile tests 031-036.pdf", "application/pdf"),
        ("label.png", "image/png"),
    ]
    download = url("inspection-comment-file", sent.reference, files[0].pk)
    assert download in response.content.decode()
    own = login(holder_member).get(download)
    assert b"".join(own.streaming_content) == b"%PDF-1.7 results"
    office = reverse("backoffice:inspection-comment-file", args=(sent.reference, files[0].pk))
    staff = login(file_manager)
    assert office in staff.get(reverse("backoffice:inspection", args=(sent.reference,))).text
    assert staff.get(office).status_code == 200
    assert login(other_admin).get(download).status_code == 404


def test_a_file_that_is_not_what_its_name_says_refuses_the_whole_comment(
    login, holder_member: User, sent: Inspection
) -> None:
    fake = SimpleUploadedFile("results.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    response = login(holder_member).post(
        url("inspection-comment", sent.reference),
        {"text": "See the results.", "attachments": [fake]},
    )

    assert response.status_code == 400
    assert "results.pdf is not a real PDF file" in response.content.decode()
    assert not Comment.objects.exists()
    assert not CommentAttachment.objects.exists()
