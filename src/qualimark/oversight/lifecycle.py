"""The steps of an inspection, from its planning to the evaluation of its report.

    planned ─▶ carried out ─▶ report sent ─▶ comment window closed ─▶ evaluated
       │
       ▼
    cancelled

Every service passes through `check_step`; nothing else decides whether a step may follow.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.errors import DomainError


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CARRIED_OUT = "carried_out", _("carried out")
    REPORT_SENT = "report_sent", _("report sent")
    WINDOW_CLOSED = "window_closed", _("comment window closed")
    EVALUATED = "evaluated", _("evaluated")
    CANCELLED = "cancelled", _("cancelled")


# An inspection in one of these has taken place: it counts for the frequency.
VISITED = frozenset(
    {
        InspectionStatus.CARRIED_OUT,
        InspectionStatus.REPORT_SENT,
        InspectionStatus.WINDOW_CLOSED,
        InspectionStatus.EVALUATED,
    }
)


class Step(models.TextChoices):
    CARRY_OUT = "carry_out", _("record the visit")
    CANCEL = "cancel", _("cancel the inspection")
    SEND_REPORT = "send_report", _("send the report")
    CLOSE_WINDOW = "close_window", _("close the comment window")
    EVALUATE = "evaluate", _("evaluate the report")


@dataclass(frozen=True)
class StepRule:
    sources: frozenset[InspectionStatus]
    target: InspectionStatus


STEPS: dict[Step, StepRule] = {
    Step.CARRY_OUT: StepRule(frozenset({InspectionStatus.PLANNED}), InspectionStatus.CARRIED_OUT),
    Step.CANCEL: StepRule(frozenset({InspectionStatus.PLANNED}), InspectionStatus.CANCELLED),
    Step.SEND_REPORT: StepRule(
        frozenset({InspectionStatus.CARRIED_OUT}), InspectionStatus.REPORT_SENT
    ),
    Step.CLOSE_WINDOW: StepRule(
        frozenset({InspectionStatus.REPORT_SENT}), InspectionStatus.WINDOW_CLOSED
    ),
    Step.EVALUATE: StepRule(
        frozenset({InspectionStatus.WINDOW_CLOSED}), InspectionStatus.EVALUATED
    ),
}


class StepNotAllowed(DomainError):
    code = "inspection_step_not_allowed"


def check_step(step: Step, current: str) -> InspectionStatus:
    """The status that `step` leads to, or StepNotAllowed if `current` does not allow it."""
    rule = STEPS[step]
    if current not in rule.sources:
        allowed = ", ".join(str(InspectionStatus(s).label) for s in sorted(rule.sources))
        raise StepNotAllowed(
            gettext(
                "Cannot %(action)s: the inspection is %(current)s; "
                "this is only possible when it is %(allowed)s."
            )
            % {
                "action": step.label,
                "current": InspectionStatus(current).label,
                "allowed": allowed,
            }
        )
    return rule.target
