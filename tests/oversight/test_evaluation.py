"""Assessing a report: separation of duties, conclusions, measures and what follows."""

from datetime import date, datetime
from typing import Any

import pytest

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.exceptions import SeparationOfDutiesError
from qualimark.certification.models import Certificate
from qualimark.errors import ConflictOfInterest, NotPermitted, NotVisible
from qualimark.oversight import planning, reports, services
from qualimark.oversight.evaluation import (
    ActionPlan,
    Conclusion,
    close_corrective_action,
    evaluate_report,
    flag_overdue_corrective_actions,
)
from qualimark.oversight.exceptions import InvalidEvaluation, StepNotAllowed
from qualimark.oversight.models import (
    ConclusionKind,
    CorrectiveAction,
    Evaluation,
    Finding,
    FindingKind,
    Inspection,
    InspectionBody,
    InspectionStatus,
    Measure,
)
from qualimark.parties.models import Organisation, Person, RoleKind, TieKind
from qualimark.parties.roles import system_actor
from qualimark.parties.ties import declare_tie
from qualimark.sanctions.models import Proposal, ProposalKind
from qualimark.schemes.models import DocumentVersion
from tests.conftest import BRUSSELS, give_role

AFTER_WINDOW = datetime(2026, 3, 24, 9, 0, tzinfo=BRUSSELS)  # the deadline was 23 March
CONFIRMED = Conclusion(ConclusionKind.CONFIRMED)


def _major(inspection: Inspection) -> Finding:
    return inspection.findings.get(kind=FindingKind.MAJOR)


def _evaluate(inspection: Inspection, by: User, **kwargs: object) -> Evaluation:
    options: dict[str, object] = {
        "conclusions": {_major(inspection): CONFIRMED},
        "measure": Measure.NONE,
    }
    options.update(kwargs)
    return evaluate_report(inspection, by=by, **options)  # type: ignore[arg-type]


def test_an_inspector_of_the_body_does_not_evaluate_reports(
    sent: Inspection, inspector: User
) -> None:
    with clock.frozen_at(AFTER_WINDOW), pytest.raises(NotPermitted, match="reviewer"):
        _evaluate(sent, inspector)

    assert not Evaluation.objects.exists()


def test_a_reviewer_who_inspected_cannot_evaluate_his_own_report(
    sent: Inspection, reviewer: User, certification_body: Organisation
) -> None:
    """The separation of duties, for someone who both inspects and evaluates."""
    sent.body.inspectors.add(reviewer)
    Inspection.objects.filter(pk=sent.pk).update(inspector=reviewer)
    sent.refresh_from_db()

    with (
        clock.frozen_at(AFTER_WINDOW),
        pytest.raises(SeparationOfDutiesError, match=r"inspected .* cannot evaluate its report"),
    ):
        _evaluate(sent, reviewer)

    assert not Evaluation.objects.exists()


def test_nobody_tied_to_the_holder_evaluates_its_reports(sent: Inspection, reviewer: User) -> None:
    declare_tie(
        by=reviewer,
        organisation=sent.certificate.holder,
        kind=TieKind.FORMER_EMPLOYER,
        valid_from=date(2025, 1, 1),
    )

    with clock.frozen_at(AFTER_WINDOW), pytest.raises(ConflictOfInterest, match="declared a tie"):
        _evaluate(sent, reviewer)

    assert not Evaluation.objects.exists()


def test_the_holder_does_not_evaluate_its_own_report(sent: Inspection, holder_member: User) -> None:
    with clock.frozen_at(AFTER_WINDOW), pytest.raises(NotPermitted):
        _evaluate(sent, holder_member)


def test_another_holder_does_not_even_see_the_report(sent: Inspection, other_admin: User) -> None:
    with clock.frozen_at(AFTER_WINDOW), pytest.raises(NotVisible):
        _evaluate(sent, other_admin)


def test_a_report_is_not_evaluated_while_the_holder_may_still_comment(
    sent: Inspection, evaluator: User
) -> None:
    with (
        clock.frozen_at(datetime(2026, 3, 23, 17, 0, tzinfo=BRUSSELS)),
        pytest.raises(InvalidEvaluation, match="until"),
    ):
        _evaluate(sent, evaluator)

    sent.refresh_from_db()
    assert sent.status == InspectionStatus.REPORT_SENT


def test_a_report_not_yet_sent_is_not_evaluated(carried_out: Inspection, evaluator: User) -> None:
    with pytest.raises(StepNotAllowed, match=r"report sent|comment window closed"):
        _evaluate(carried_out, evaluator)
    assert not Evaluation.objects.exists()


def test_the_evaluation_closes_the_window_if_the_daily_run_has_not(
    sent: Inspection, evaluator: User
) -> None:
    with clock.frozen_at(AFTER_WINDOW):
        evaluation = _evaluate(sent, evaluator, note="Confirmed after reading the comments.")

    sent.refresh_from_db()
    assert sent.status == InspectionStatus.EVALUATED
    assert evaluation.evaluated_by == evaluator
    assert _major(sent).conclusion.conclusion == ConclusionKind.CONFIRMED


def test_the_evaluator_then_cannot_decide_a_suspension_of_the_file(
    sent: Inspection, reviewer: User, decision_maker: User, certification_body: Organisation
) -> None:
    # A reviewer who also decides on files: once evaluator, no longer on this one.
    give_role(reviewer, certification_body, RoleKind.DECISION_MAKER)
    with clock.frozen_at(AFTER_WINDOW):
        _evaluate(sent, reviewer, measure=Measure.SANCTION, note="Suspension advised.")
        with pytest.raises(SeparationOfDutiesError):
            certification.suspend_certificate(
                sent.certificate, by=reviewer, reason="Major nonconformity."
            )
        certification.suspend_certificate(
            sent.certificate, by=decision_maker, reason="Major nonconformity."
        )


def test_a_sanction_measure_proposes_it_to_a_decision_maker_without_sanctioning(
    sent: Inspection, evaluator: User
) -> None:
    with clock.frozen_at(AFTER_WINDOW):
        evaluation = _evaluate(sent, evaluator, measure=Measure.SANCTION)

    proposal = Proposal.objects.get()
    assert proposal.kind == ProposalKind.SANCTION_PROPOSED
    assert proposal.source == f"evaluation:{evaluation.pk}"
    assert not sent.certificate.sanctions.exists()


def test_every_nonconformity_needs_a_conclusion(sent: Inspection, evaluator: User) -> None:
    with clock.frozen_at(AFTER_WINDOW), pytest.raises(InvalidEvaluation, match="missing"):
        _evaluate(sent, evaluator, conclusions={})

    assert not Evaluation.objects.exists()


def test_a_reclassified_finding_needs_a_new_kind(sent: Inspection, evaluator: User) -> None:
    with clock.frozen_at(AFTER_WINDOW), pytest.raises(InvalidEvaluation, match="new"):
        _evaluate(
            sent, evaluator, conclusions={_major(sent): Conclusion(ConclusionKind.RECLASSIFIED)}
        )


def test_a_corrective_action_measure_needs_an_action_with_its_due_date(
    sent: Inspection, evaluator: User
) -> None:
    with clock.frozen_at(AFTER_WINDOW), pytest.raises(InvalidEvaluation, match="by when"):
        _evaluate(sent, evaluator, measure=Measure.CORRECTIVE_ACTION)


def _with_action(sent: Inspection, evaluator: User, due_on: date) -> CorrectiveAction:
    with clock.frozen_at(AFTER_WINDOW):
        _evaluate(
            sent,
            evaluator,
            measure=Measure.CORRECTIVE_ACTION,
            corrective_actions=[
                ActionPlan("Test tensile strength of every lot.", due_on, _major(sent))
            ],
        )
    return CorrectiveAction.objects.get()


def test_an_overdue_corrective_action_is_proposed_once(
    sent: Inspection, evaluator: User, django_assert_num_queries: Any
) -> None:
    action = _with_action(sent, evaluator, date(2026, 4, 30))
    system = system_actor()

    assert flag_overdue_corrective_actions(date(2026, 4, 30), by=system) == []
    first = flag_overdue_corrective_actions(date(2026, 5, 1), by=system)
    # The action already proposed is left out by the query: nothing else is read.
    with django_assert_num_queries(1):
        second = flag_overdue_corrective_actions(date(2026, 5, 2), by=system)

    assert [p.source for p in first] == [f"corrective-action:{action.pk}"]
    assert first[0].kind == ProposalKind.OVERDUE_CORRECTIVE_ACTION
    assert second == []
    assert Proposal.objects.count() == 1


def test_a_closed_corrective_action_is_not_overdue(sent: Inspection, evaluator: User) -> None:
    action = _with_action(sent, evaluator, date(2026, 4, 30))
    with clock.frozen_at(datetime(2026, 4, 20, 9, 0, tzinfo=BRUSSELS)):
        close_corrective_action(action, by=evaluator, note="Test records shown for every lot.")

    assert flag_overdue_corrective_actions(date(2026, 5, 1), by=system_actor()) == []
    with pytest.raises(InvalidEvaluation, match="closed"):
        close_corrective_action(action, by=evaluator, note="Again.")


def _next_inspection_with_major(
    certificate: Certificate,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    requirement: DocumentVersion,
    clause: str,
) -> Inspection:
    """A visit on 15 June 2026 with a major nonconformity, sent, its window over."""
    with clock.frozen_at(datetime(2026, 6, 15, 9, 0, tzinfo=BRUSSELS)):
        inspection = planning.plan_inspection(
            certificate,
            by=file_manager,
            body=body,
            inspector=inspector,
            planned_on=date(2026, 6, 15),
        )
        services.carry_out_inspection(inspection, by=inspector, visited_on=date(2026, 6, 15))
        services.add_finding(
            inspection,
            by=inspector,
            kind=FindingKind.MAJOR,
            requirement=requirement,
            clause=clause,
            observation="Again no tensile tests.",
        )
        reports.send_report(inspection, by=file_manager)
    return inspection


def test_a_repeated_major_nonconformity_is_proposed_once(
    sent: Inspection,
    evaluator: User,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    ptv_version: DocumentVersion,
) -> None:
    with clock.frozen_at(AFTER_WINDOW):
        _evaluate(sent, evaluator)
    assert not Proposal.objects.exists()  # a first major nonconformity: no proposal
    second = _next_inspection_with_major(
        sent.certificate, body, inspector, file_manager, ptv_version, "§ 5.2"
    )

    with clock.frozen_at(datetime(2026, 6, 30, 9, 0, tzinfo=BRUSSELS)):
        _evaluate(second, evaluator, measure=Measure.SANCTION)

    repeated = Proposal.objects.get(kind=ProposalKind.REPEATED_NONCONFORMITY)
    assert repeated.source == f"repeated-nonconformity:{second.pk}"
    assert "PTV 829 §" in repeated.text
    assert Proposal.objects.filter(kind=ProposalKind.REPEATED_NONCONFORMITY).count() == 1


def test_a_major_nonconformity_on_another_clause_is_not_a_repetition(
    sent: Inspection,
    evaluator: User,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    ptv_version: DocumentVersion,
) -> None:
    with clock.frozen_at(AFTER_WINDOW):
        _evaluate(sent, evaluator)
    second = _next_inspection_with_major(
        sent.certificate, body, inspector, file_manager, ptv_version, "6.1"
    )

    with clock.frozen_at(datetime(2026, 6, 30, 9, 0, tzinfo=BRUSSELS)):
        _evaluate(second, evaluator)

    assert not Proposal.objects.exists()


def test_a_major_nonconformity_not_confirmed_before_is_not_a_repetition(
    sent: Inspection,
    evaluator: User,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    ptv_version: DocumentVersion,
) -> None:
    with clock.frozen_at(AFTER_WINDOW):
        _evaluate(
            sent,
            evaluator,
            conclusions={_major(sent): Conclusion(ConclusionKind.RECLASSIFIED, FindingKind.MINOR)},
        )
    second = _next_inspection_with_major(
        sent.certificate, body, inspector, file_manager, ptv_version, "5.2"
    )

    with clock.frozen_at(datetime(2026, 6, 30, 9, 0, tzinfo=BRUSSELS)):
        _evaluate(second, evaluator)

    assert not Proposal.objects.exists()


def test_the_comment_of_the_holder_stays_with_the_evaluated_report(
    sent: Inspection, evaluator: User, holder_admin: User, recipients: list[Person]
) -> None:
    reports.comment_on_report(sent, by=holder_admin, text="Tests were done, see annex.")
    with clock.frozen_at(AFTER_WINDOW):
        _evaluate(sent, evaluator)

    assert [c.text for c in sent.comments.all()] == ["Tests were done, see annex."]
