"""The steps of an inspection, from its planning to the evaluation of its report.

    planned ─▶ carried out ─▶ report sent ─▶ comment window closed ─▶ evaluated
       │
       ▼
    cancelled

`LIFECYCLE` is the one table of steps, with who takes each; every service passes through
its gate, and nothing else decides whether a step may follow another. The acts that record
the report or answer it without changing its status (findings, samples, comments) are
listed here too, so that the whole of who does what in oversight reads in one place.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark import lifecycle
from qualimark.lifecycle import Lifecycle, Rule
from qualimark.parties.roles import READERS, Act, Capacity, act


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
# A holder sees an inspection only once its report is sent: visits are unannounced.
SENT_TO_HOLDER = frozenset(
    {InspectionStatus.REPORT_SENT, InspectionStatus.WINDOW_CLOSED, InspectionStatus.EVALUATED}
)


class Step(models.TextChoices):
    CARRY_OUT = "carry_out", _("record the visit")
    CANCEL = "cancel", _("cancel the inspection")
    SEND_REPORT = "send_report", _("send the report")
    CLOSE_WINDOW = "close_window", _("close the comment window")
    EVALUATE = "evaluate", _("evaluate the report")


class StepNotAllowed(lifecycle.TransitionNotAllowed):
    code = "inspection_step_not_allowed"


# Who does what. File managers plan, cancel and send; the assigned inspector (or a file
# manager entering it for him) records the visit and the report; reviewers and file managers
# evaluate it, never the inspector nor anyone tied to the holder (ISO/IEC 17065); the
# holder's users comment; the system closes the comment window when its days have run.
MANAGES = frozenset({Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR})
EVALUATES = frozenset({Capacity.REVIEWER, Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR})

VIEW = act(
    "oversight.view_inspection",
    _("see the inspection"),
    {Capacity.INSPECTOR, Capacity.HOLDER_USER, Capacity.SYSTEM, *READERS},
)
PLAN = act("oversight.plan_inspection", _("plan inspections"), MANAGES)
CANCEL = act("oversight.cancel_inspection", _("cancel the inspection"), MANAGES)
RECORD = act(
    "oversight.record_inspection", _("record the inspection"), {Capacity.INSPECTOR, *MANAGES}
)
SEND_REPORT = act("oversight.send_report", _("send the report"), MANAGES)
COMMENT = act("oversight.comment_report", _("comment on the report"), {Capacity.HOLDER_USER})
CLOSE_WINDOW = act(
    "oversight.close_comment_window", _("close the comment window"), {Capacity.SYSTEM}
)
EVALUATE = act("oversight.evaluate_report", _("evaluate the report"), EVALUATES, impartial=True)
CLOSE_ACTION = act(
    "oversight.close_corrective_action",
    _("close the corrective action"),
    EVALUATES,
    impartial=True,
)
FLAG_OVERDUE = act(
    "oversight.flag_overdue_actions",
    _("propose a next step for overdue corrective actions"),
    {Capacity.SYSTEM},
)


def _rule(source: InspectionStatus, target: InspectionStatus, by: Act) -> Rule[InspectionStatus]:
    return Rule(frozenset({source}), target, by)


LIFECYCLE: Lifecycle[InspectionStatus, Step] = Lifecycle(
    "inspection",
    InspectionStatus,
    Step,
    {
        Step.CARRY_OUT: _rule(InspectionStatus.PLANNED, InspectionStatus.CARRIED_OUT, RECORD),
        Step.CANCEL: _rule(InspectionStatus.PLANNED, InspectionStatus.CANCELLED, CANCEL),
        Step.SEND_REPORT: _rule(
            InspectionStatus.CARRIED_OUT, InspectionStatus.REPORT_SENT, SEND_REPORT
        ),
        Step.CLOSE_WINDOW: _rule(
            InspectionStatus.REPORT_SENT, InspectionStatus.WINDOW_CLOSED, CLOSE_WINDOW
        ),
        Step.EVALUATE: _rule(InspectionStatus.WINDOW_CLOSED, InspectionStatus.EVALUATED, EVALUATE),
    },
    noun=_("the inspection"),
    error=StepNotAllowed,
    refusal=_(
        "Cannot %(action)s: the inspection is %(current)s; "
        "this is only possible when it is %(allowed)s."
    ),
)

# The acts of oversight that are no step of the table (they change no status).
OTHER_ACTS = (VIEW, PLAN, RECORD, COMMENT, CLOSE_ACTION, FLAG_OVERDUE)
