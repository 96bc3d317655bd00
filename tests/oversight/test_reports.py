"""Sending the report: the PDF by e-mail after commit, and the 5 working days to comment."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.documents import letters
from qualimark.errors import NotPermitted, NotVisible
from qualimark.journal.models import JournalEntry
from qualimark.journal.services import entries_for
from qualimark.notifications.models import Mail, MailStatus
from qualimark.notifications.outbox import send_pending
from qualimark.oversight import reports, services
from qualimark.oversight.exceptions import (
    CommentWindowClosed,
    NoReportRecipient,
)
from qualimark.oversight.models import Comment, Inspection, InspectionStatus
from qualimark.parties.models import Person, Role
from qualimark.parties.roles import system_actor
from tests.conftest import BRUSSELS
from tests.test_documents import pdf_text

MARCH_23 = date(2026, 3, 23)


def _deadline_in(language: str, day: date) -> str:
    with translation.override(language):
        return date_format(day)


def test_a_report_sent_on_monday_may_be_commented_until_the_next_monday(sent: Inspection) -> None:
    assert sent.status == InspectionStatus.REPORT_SENT
    assert sent.comment_deadline == MARCH_23
    assert sent.report_sent_at == clock.now()


def test_a_report_sent_on_the_friday_before_easter_monday_counts_from_tuesday(
    carried_out: Inspection, recipients: list[Person], file_manager: User
) -> None:
    with clock.frozen_at(datetime(2026, 4, 3, 16, 0, tzinfo=BRUSSELS)):
        reports.send_report(carried_out, by=file_manager)

    assert carried_out.comment_deadline == date(2026, 4, 13)


def test_a_report_sent_late_in_the_evening_counts_from_that_day_in_brussels(
    carried_out: Inspection, recipients: list[Person], file_manager: User
) -> None:
    # 23:30 in Brussels is still Monday, although it is 22:30 on Monday in UTC and the
    # next day in Asia: the day is the Belgian one.
    with clock.frozen_at(datetime(2026, 3, 16, 23, 30, tzinfo=BRUSSELS)):
        reports.send_report(carried_out, by=file_manager)

    assert carried_out.comment_deadline == MARCH_23


def test_the_report_is_emailed_with_its_pdf_only_after_commit(
    carried_out: Inspection,
    recipients: list[Person],
    file_manager: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[operator]
        reports.send_report(carried_out, by=file_manager)
        assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "an.peeters@geotex.example",
        "quality@geotex.example",
    ]
    for message in mail.outbox:
        assert carried_out.reference in message.subject
        ((name, content, mimetype),) = message.attachments
        assert mimetype == "application/pdf"
        assert name == f"inspection-report-{carried_out.reference}.pdf"
        assert content.startswith(b"%PDF-")


def test_the_email_states_the_deadline_in_the_recipients_language(
    carried_out: Inspection,
    recipients: list[Person],
    file_manager: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        reports.send_report(carried_out, by=file_manager)

    by_address = {m.to[0]: m for m in mail.outbox}
    # The administrator's account reads French; the contact without one gets Dutch.
    assert _deadline_in("fr", MARCH_23) in by_address["an.peeters@geotex.example"].body
    assert _deadline_in("nl", MARCH_23) in by_address["quality@geotex.example"].body
    assert _deadline_in("fr", MARCH_23) != _deadline_in("nl", MARCH_23)


def _send_then_fail(inspection: Inspection, by: User) -> None:
    with transaction.atomic():
        reports.send_report(inspection, by=by)
        raise RuntimeError("the page failed after the service")


def test_no_email_leaves_when_the_sending_is_rolled_back(
    carried_out: Inspection,
    recipients: list[Person],
    file_manager: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),  # type: ignore[operator]
        pytest.raises(RuntimeError),
    ):
        _send_then_fail(carried_out, file_manager)

    assert mail.outbox == []
    carried_out.refresh_from_db()
    assert carried_out.status == InspectionStatus.CARRIED_OUT


def test_the_recipients_are_journalled_and_each_delivery_is_kept_by_the_outbox(
    carried_out: Inspection,
    recipients: list[Person],
    file_manager: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        reports.send_report(carried_out, by=file_manager)

    sent = entries_for(carried_out).get(action="inspection.report_sent")
    assert sorted(sent.data["recipients"]) == [
        "an.peeters@geotex.example",
        "quality@geotex.example",
    ]
    assert sent.data["comment_deadline"] == "2026-03-23"
    delivered = Mail.objects.filter(key__startswith=f"report:{carried_out.pk}:")
    assert sorted((m.to, m.status, m.sent_at) for m in delivered) == [
        ("an.peeters@geotex.example", MailStatus.SENT, clock.now()),
        ("quality@geotex.example", MailStatus.SENT, clock.now()),
    ]


def test_the_pdf_is_made_after_commit_and_a_failure_leaves_the_report_to_send_again(
    carried_out: Inspection,
    recipients: list[Person],
    file_manager: User,
    django_capture_on_commit_callbacks: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rendered: list[str] = []

    def broken_pdf(inspection: Inspection, *, language: str) -> bytes:
        rendered.append(language)
        raise RuntimeError("no fonts")

    with monkeypatch.context() as patch:
        patch.setattr(letters, "inspection_report_pdf", broken_pdf)
        with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[operator]
            reports.send_report(carried_out, by=file_manager)
            assert rendered == []
        for callback in callbacks:
            callback()

    assert sorted(rendered) == ["fr", "nl"]
    assert mail.outbox == []
    carried_out.refresh_from_db()
    assert carried_out.status == InspectionStatus.REPORT_SENT
    waiting = Mail.objects.filter(key__startswith=f"report:{carried_out.pk}:")
    assert {(m.status, m.attempts, m.last_error) for m in waiting} == {
        (MailStatus.PENDING, 1, "RuntimeError: no fonts")
    }

    send_pending(now=clock.now() + timedelta(minutes=5))
    # (The fixtures' earlier e-mails, never sent in a test transaction, go out as well.)
    reports_sent = [m for m in mail.outbox if carried_out.reference in m.subject]
    assert sorted(m.to[0] for m in reports_sent) == [
        "an.peeters@geotex.example",
        "quality@geotex.example",
    ]
    assert all(m.attachments[0][1].startswith(b"%PDF-") for m in reports_sent)


def test_the_report_pdf_shows_findings_with_their_requirement_and_the_deadline(
    sent: Inspection,
) -> None:
    from qualimark.documents.reports import inspection_report_pdf

    text = pdf_text(inspection_report_pdf(sent, language="en"))

    assert f"Inspection report {sent.reference}" in text
    assert "major nonconformity" in text
    assert "PTV 829 (2021.2) §5.2" in text
    assert "No tensile test recorded" in text
    assert "You may comment on this report until 23 March 2026 inclusive" in text


def test_a_report_without_anyone_to_send_it_to_is_not_sent(
    carried_out: Inspection, file_manager: User
) -> None:
    Role.objects.filter(organisation=carried_out.certificate.holder).delete()
    with pytest.raises(NoReportRecipient):
        reports.send_report(carried_out, by=file_manager)

    carried_out.refresh_from_db()
    assert carried_out.status == InspectionStatus.CARRIED_OUT
    assert carried_out.comment_deadline is None


def test_a_comment_on_the_deadline_day_is_accepted_until_midnight(
    sent: Inspection, holder_admin: User
) -> None:
    with clock.frozen_at(datetime(2026, 3, 23, 23, 59, tzinfo=BRUSSELS)):
        comment = reports.comment_on_report(
            sent, by=holder_admin, text="Tests were done, see annex."
        )

    assert list(sent.comments.all()) == [comment]


def test_a_comment_the_day_after_the_deadline_is_refused_naming_the_deadline(
    sent: Inspection, holder_admin: User
) -> None:
    with (
        clock.frozen_at(datetime(2026, 3, 24, 0, 1, tzinfo=BRUSSELS)),
        translation.override("en"),
        pytest.raises(CommentWindowClosed) as refused,
    ):
        reports.comment_on_report(sent, by=holder_admin, text="Too late?")

    assert refused.value.code == "comment_window_closed"
    with translation.override("en"):
        assert date_format(MARCH_23) in refused.value.message
    assert not Comment.objects.exists()
    assert not JournalEntry.objects.filter(action="inspection.commented").exists()


def test_a_comment_before_the_report_is_sent_finds_no_inspection(
    carried_out: Inspection, holder_member: User
) -> None:
    """Visits are unannounced: before its report, the holder does not see an inspection."""
    with pytest.raises(NotVisible):
        reports.comment_on_report(carried_out, by=holder_member, text="Early.")

    assert not Comment.objects.exists()


def test_only_the_holders_users_comment_on_its_report(
    sent: Inspection, file_manager: User, other_admin: User
) -> None:
    with pytest.raises(NotPermitted, match="comment on the report"):
        reports.comment_on_report(sent, by=file_manager, text="Staff note.")
    with pytest.raises(NotVisible):
        reports.comment_on_report(sent, by=other_admin, text="A competitor's view.")

    assert not Comment.objects.exists()


def test_only_the_system_closes_a_comment_window(sent: Inspection, file_manager: User) -> None:
    with (
        clock.frozen_at(datetime(2026, 3, 24, 9, 0, tzinfo=BRUSSELS)),
        pytest.raises(NotPermitted, match="the system"),
    ):
        reports.close_comment_window(sent, by=file_manager)

    sent.refresh_from_db()
    assert sent.status == InspectionStatus.REPORT_SENT


def test_an_inspector_does_not_send_the_report(carried_out: Inspection, inspector: User) -> None:
    with pytest.raises(NotPermitted, match="send the report"):
        reports.send_report(carried_out, by=inspector)


def test_the_daily_run_closes_windows_past_their_deadline_once(sent: Inspection) -> None:
    assert reports.close_comment_windows(MARCH_23, by=system_actor()) == []

    closed = reports.close_comment_windows(date(2026, 3, 24), by=system_actor())

    assert [inspection.pk for inspection in closed] == [sent.pk]
    sent.refresh_from_db()
    assert sent.status == InspectionStatus.WINDOW_CLOSED
    assert reports.close_comment_windows(date(2026, 3, 24), by=system_actor()) == []


def test_a_laboratory_result_arriving_after_the_report_was_sent_is_recorded(
    carried_out: Inspection, inspector: User, recipients: list[Person], file_manager: User
) -> None:
    sample = services.add_sample(
        carried_out,
        by=inspector,
        reference="S-2026-118",
        characteristics="tensile strength EN ISO 10319",
        laboratory="Lab Gent",
    )
    reports.send_report(carried_out, by=file_manager)

    with clock.frozen_at(datetime(2026, 4, 2, 9, 0, tzinfo=BRUSSELS)):
        services.record_lab_result(
            sample, by=file_manager, received_on=date(2026, 4, 1), result="11.2 kN/m", conform=False
        )

    assert sample.result.conform is False
