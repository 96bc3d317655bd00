"""The certification body's assessment of a report, and the corrective actions that follow.

The report is assessed once the holder's 5 working days to comment are over, by a reviewer
or file manager other than the inspector and not tied to the holder; that person is then
involved in the file and so may not take the sanction decision either (ISO/IEC 17065).
The system never sanctions on its own: a measure "sanction", a repeated serious
nonconformity or an overdue corrective action becomes a proposal to a decision maker.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.journal.services import record
from qualimark.oversight.exceptions import InvalidEvaluation
from qualimark.oversight.lifecycle import (
    CLOSE_ACTION,
    EVALUATE,
    FLAG_OVERDUE,
    LIFECYCLE,
    InspectionStatus,
    Step,
)
from qualimark.oversight.models import (
    ConclusionKind,
    CorrectiveAction,
    Evaluation,
    Finding,
    FindingConclusion,
    FindingKind,
    Inspection,
    Measure,
)
from qualimark.oversight.permissions import inspection_standing
from qualimark.oversight.repeated import repeated_nonconformities
from qualimark.oversight.reports import close_comment_window
from qualimark.oversight.services import lock, sync
from qualimark.parties import roles
from qualimark.parties.roles import performs, system_actor
from qualimark.sanctions.models import Proposal, ProposalKind
from qualimark.sanctions.services import propose_next_step

# The `Proposal.source` of each cause of a proposal, followed by the id of what caused it.
EVALUATION_SOURCE = "evaluation:"
REPEATED_NONCONFORMITY_SOURCE = "repeated-nonconformity:"
CORRECTIVE_ACTION_SOURCE = "corrective-action:"


def proposal_sources(inspection: Inspection) -> list[str]:
    """The sources of the proposals that the evaluation of `inspection` may have made."""
    sources = [f"{REPEATED_NONCONFORMITY_SOURCE}{inspection.pk}"]
    evaluation = getattr(inspection, "evaluation", None)
    if evaluation is not None:
        sources.append(f"{EVALUATION_SOURCE}{evaluation.pk}")
    return sources


@dataclass(frozen=True)
class Conclusion:
    """The evaluator's conclusion on one finding; `new_kind` only when reclassified."""

    kind: ConclusionKind
    new_kind: FindingKind | None = None
    note: str = ""


@dataclass(frozen=True)
class ActionPlan:
    """A corrective action the holder must carry out by `due_on`."""

    description: str
    due_on: date
    finding: Finding | None = None


@performs(EVALUATE)
@transaction.atomic
def evaluate_report(
    inspection: Inspection,
    *,
    by: User,
    conclusions: Mapping[Finding, Conclusion],
    measure: Measure,
    corrective_actions: Sequence[ActionPlan] = (),
    note: str = "",
) -> Evaluation:
    """Assess the report: a conclusion on every nonconformity, and the measure that follows.

    - by a reviewer or file manager, never by the inspector nor by anyone tied to the
      holder or acting for it;
    - only after the comment window closed (it is closed here if the daily command has
      not done it yet);
    - `measure` CORRECTIVE_ACTION needs at least one action with its due date;
    - SANCTION proposes a sanction to a decision maker;
    - a confirmed major or critical nonconformity on the same clause of the same
      document as one of the previous evaluated inspection proposes a sanction for a
      repeated nonconformity.
    """
    locked = _ready_for_evaluation(inspection, by)
    findings = list(locked.findings.select_related("requirement__document"))
    _check_conclusions(findings, conclusions)
    _check_measure(locked, Measure(measure), corrective_actions)
    evaluation = Evaluation.objects.create(
        inspection=locked,
        evaluated_by=by,
        evaluated_at=clock.now(),
        measure=Measure(measure),
        note=note.strip(),
    )
    _record_conclusions(findings, conclusions)
    actions = [_create_action(locked, plan) for plan in corrective_actions]
    record_involvement(locked.certificate, by, role=InvolvementRole.EVALUATOR)
    locked.status = LIFECYCLE.check(Step.EVALUATE, locked.status)
    locked.save(update_fields=["status"])
    proposals = _proposals(locked, evaluation)
    record(
        "inspection.evaluated",
        locked,
        actor=by,
        data={
            "evaluation": evaluation.pk,
            "measure": evaluation.measure,
            "conclusions": {str(f.pk): c.kind for f, c in conclusions.items()},
            "corrective_actions": [a.pk for a in actions],
            "proposals": [p.source for p in proposals],
            "note": evaluation.note,
        },
    )
    sync(inspection, locked, "status")
    return evaluation


def _ready_for_evaluation(inspection: Inspection, by: User) -> Inspection:
    locked = lock(inspection)
    # Who may evaluate is asked before the status: the window may still have to be closed.
    EVALUATE.check(inspection_standing(by, locked))
    today = clock.today()
    if locked.status == InspectionStatus.REPORT_SENT and locked.comment_deadline is not None:
        if locked.comment_deadline >= today:
            raise InvalidEvaluation(
                _(
                    "The holder may comment on report %(reference)s until %(deadline)s: "
                    "the report is evaluated after that day."
                )
                % {
                    "reference": locked.reference,
                    "deadline": date_format(locked.comment_deadline),
                }
            )
        # The daily run has not closed it yet: the system does it now, as it would have.
        close_comment_window(locked, by=system_actor(), on=today)
    LIFECYCLE.check(Step.EVALUATE, locked.status)
    return locked


def _check_conclusions(findings: list[Finding], conclusions: Mapping[Finding, Conclusion]) -> None:
    ours = {finding.pk for finding in findings}
    if any(finding.pk not in ours for finding in conclusions):
        raise InvalidEvaluation(_("A conclusion concerns a finding of another inspection."))
    given = {finding.pk for finding in conclusions}
    missing = [f for f in findings if f.is_nonconformity and f.pk not in given]
    if missing:
        raise InvalidEvaluation(
            _("Every nonconformity needs a conclusion; missing: %(findings)s.")
            % {"findings": "; ".join(str(f) for f in missing)}
        )
    for finding, conclusion in conclusions.items():
        reclassified = conclusion.kind == ConclusionKind.RECLASSIFIED
        if reclassified and conclusion.new_kind in (None, finding.kind):
            raise InvalidEvaluation(
                _("A reclassified finding (%(finding)s) needs its new, different kind.")
                % {"finding": finding}
            )
        if not reclassified and conclusion.new_kind is not None:
            raise InvalidEvaluation(_("Only a reclassified finding takes a new kind."))


def _check_measure(inspection: Inspection, measure: Measure, actions: Sequence[ActionPlan]) -> None:
    if measure == Measure.CORRECTIVE_ACTION and not actions:
        raise InvalidEvaluation(_("Say which corrective action is asked, and by when."))
    if measure == Measure.NONE and actions:
        raise InvalidEvaluation(_("Corrective actions come with the measure that asks for them."))
    today = clock.today()
    for plan in actions:
        if not plan.description.strip():
            raise InvalidEvaluation(_("A corrective action needs its description."))
        if plan.due_on <= today:
            raise InvalidEvaluation(_("A corrective action is due after today."))
        if plan.finding is not None and plan.finding.inspection_id != inspection.pk:
            raise InvalidEvaluation(
                _("A corrective action concerns a finding of another inspection.")
            )


def _record_conclusions(findings: list[Finding], conclusions: Mapping[Finding, Conclusion]) -> None:
    by_pk = {finding.pk: conclusion for finding, conclusion in conclusions.items()}
    for finding in findings:
        conclusion = by_pk.get(finding.pk)
        if conclusion is not None:
            finding.conclusion = FindingConclusion.objects.create(
                finding=finding,
                conclusion=conclusion.kind,
                new_kind=conclusion.new_kind or "",
                note=conclusion.note.strip(),
            )


def _create_action(inspection: Inspection, plan: ActionPlan) -> CorrectiveAction:
    return CorrectiveAction.objects.create(
        inspection=inspection,
        finding=plan.finding,
        description=plan.description.strip(),
        due_on=plan.due_on,
        created_at=clock.now(),
    )


def _proposals(inspection: Inspection, evaluation: Evaluation) -> list[Proposal]:
    certificate = inspection.certificate
    proposals = []
    if evaluation.measure == Measure.SANCTION:
        text = _("The evaluation of report %(reference)s proposes a sanction.") % {
            "reference": inspection.reference
        }
        if evaluation.note:
            text += f"\n{evaluation.note}"
        proposal, _created = propose_next_step(
            certificate,
            ProposalKind.SANCTION_PROPOSED,
            by=system_actor(),
            text=text,
            source=f"{EVALUATION_SOURCE}{evaluation.pk}",
        )
        proposals.append(proposal)
    repeated = repeated_nonconformities(inspection)
    if repeated:
        proposal, _created = propose_next_step(
            certificate,
            ProposalKind.REPEATED_NONCONFORMITY,
            by=system_actor(),
            text=_(
                "Report %(reference)s confirms again a serious nonconformity of the previous "
                "inspection: %(requirements)s."
            )
            % {"reference": inspection.reference, "requirements": "; ".join(repeated)},
            source=f"{REPEATED_NONCONFORMITY_SOURCE}{inspection.pk}",
        )
        proposals.append(proposal)
    return proposals


@performs(CLOSE_ACTION)
@transaction.atomic
def close_corrective_action(
    action: CorrectiveAction, *, by: User, note: str, closed_on: date | None = None
) -> CorrectiveAction:
    """Close a corrective action once the CB is satisfied it was carried out.

    Judging that it was is part of the evaluation: the same people take it, on the same
    conditions of impartiality.
    """
    locked = (
        CorrectiveAction.objects.select_for_update(of=("self",))
        .select_related("inspection__certificate")
        .get(pk=action.pk)
    )
    CLOSE_ACTION.check(inspection_standing(by, locked.inspection))
    closed_on = closed_on or clock.today()
    if locked.closed_on is not None:
        raise InvalidEvaluation(
            _("This corrective action was closed on %(date)s.")
            % {"date": date_format(locked.closed_on)}
        )
    if not note.strip():
        raise InvalidEvaluation(_("Say how the corrective action was carried out."))
    if closed_on > clock.today():
        raise InvalidEvaluation(_("A corrective action cannot be closed on a future date."))
    locked.closed_on, locked.closed_by, locked.closing_note = closed_on, by, note.strip()
    locked.save(update_fields=["closed_on", "closed_by", "closing_note"])
    record(
        "corrective_action.closed",
        locked,
        actor=by,
        data={"closed_on": closed_on, "note": locked.closing_note, "due_on": locked.due_on},
    )
    action.closed_on, action.closed_by, action.closing_note = closed_on, by, locked.closing_note
    return action


@performs(FLAG_OVERDUE)
def flag_overdue_corrective_actions(day: date, *, by: User) -> list[Proposal]:
    """Propose a next step for every open corrective action due before `day` (the daily
    run, `by` the system actor: the system proposes, it never sanctions).

    Each action is proposed once: the proposals made by this run are returned, and a
    second run on the same day makes none. Actions already proposed are left out in the
    query, so that the daily run does not read again every action it has handled.
    """
    FLAG_OVERDUE.check(roles.standing(by))
    proposed = Proposal.objects.filter(
        source=Concat(Value(CORRECTIVE_ACTION_SOURCE), Cast(OuterRef("pk"), CharField()))
    )
    overdue = (
        CorrectiveAction.objects.filter(closed_on__isnull=True, due_on__lt=day)
        .filter(~Exists(proposed))
        .select_related("inspection__certificate")
        .order_by("due_on", "id")
    )
    made = []
    for action in overdue:
        proposal, created = propose_next_step(
            action.inspection.certificate,
            ProposalKind.OVERDUE_CORRECTIVE_ACTION,
            by=system_actor(),
            text=_(
                "The corrective action of report %(reference)s was due on %(date)s and is "
                "not closed: %(description)s"
            )
            % {
                "reference": action.inspection.reference,
                "date": date_format(action.due_on),
                "description": action.description,
            },
            source=f"{CORRECTIVE_ACTION_SOURCE}{action.pk}",
            on=day,
        )
        if created:
            made.append(proposal)
    return made
