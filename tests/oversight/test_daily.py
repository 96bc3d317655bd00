"""The daily run applies what fell due by date, once, and catches up when it runs late."""

from datetime import date, datetime
from io import StringIO

from django.core.management import call_command

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Lapse, LapseKind
from qualimark.journal.models import JournalEntry
from qualimark.oversight.daily import run_daily
from qualimark.oversight.evaluation import ActionPlan, Conclusion, evaluate_report
from qualimark.oversight.models import (
    ConclusionKind,
    FindingKind,
    Inspection,
    InspectionStatus,
    Measure,
)
from qualimark.sanctions.models import Proposal, ProposalKind
from tests.conftest import BRUSSELS


def _suspend_until_april(certificate: Certificate, decision_maker: User) -> None:
    certification.suspend_certificate(
        certificate,
        by=decision_maker,
        reason="Major nonconformity on PTV 829 §5.2.",
        effective=date(2026, 3, 16),
        until=date(2026, 4, 1),
    )


def test_a_run_after_missed_days_catches_up_and_a_second_run_changes_nothing(
    sent: Inspection, decision_maker: User
) -> None:
    _suspend_until_april(sent.certificate, decision_maker)

    late = run_daily(date(2026, 4, 20))
    journal = JournalEntry.objects.count()
    again = run_daily(date(2026, 4, 20))

    assert [(lapse.kind, lapse.on) for lapse in late.lapses] == [
        (LapseKind.SUSPENSION_ENDED, date(2026, 4, 1))
    ]
    assert [i.reference for i in late.closed_windows] == [sent.reference]
    assert Inspection.objects.get(pk=sent.pk).status == InspectionStatus.WINDOW_CLOSED
    assert not again.changed_anything
    assert JournalEntry.objects.count() == journal
    assert Lapse.objects.count() == 1


def test_nothing_is_applied_before_its_day(sent: Inspection, decision_maker: User) -> None:
    _suspend_until_april(sent.certificate, decision_maker)

    run = run_daily(date(2026, 3, 23))  # the last day of the comment window

    assert not run.changed_anything
    assert Inspection.objects.get(pk=sent.pk).status == InspectionStatus.REPORT_SENT
    assert sent.certificate.status_on(date(2026, 3, 23)) == Status.SUSPENDED


def test_an_overdue_corrective_action_becomes_one_proposed_next_step(
    sent: Inspection, file_manager: User
) -> None:
    major = sent.findings.get(kind=FindingKind.MAJOR)
    with clock.frozen_at(datetime(2026, 3, 24, 9, 0, tzinfo=BRUSSELS)):
        evaluate_report(
            sent,
            by=file_manager,
            conclusions={major: Conclusion(ConclusionKind.CONFIRMED)},
            measure=Measure.CORRECTIVE_ACTION,
            corrective_actions=[ActionPlan("Test every lot.", date(2026, 4, 30), major)],
        )

    runs = [run_daily(date(2026, 5, day)) for day in (1, 1, 2)]

    assert [len(run.overdue_actions) for run in runs] == [1, 0, 0]
    assert Proposal.objects.get().kind == ProposalKind.OVERDUE_CORRECTIVE_ACTION


def test_the_command_reports_what_it_applied_and_then_nothing(
    sent: Inspection, decision_maker: User
) -> None:
    _suspend_until_april(sent.certificate, decision_maker)
    outputs = []
    with clock.frozen_at(datetime(2026, 4, 2, 6, 0, tzinfo=BRUSSELS)):
        for _run in range(2):
            out = StringIO()
            call_command("daily", stdout=out)
            outputs.append(out.getvalue())

    assert sent.reference in outputs[0]
    assert sent.certificate.number in outputs[0]
    assert sent.reference not in outputs[1]
    assert sent.certificate.number not in outputs[1]
