"""The steps of a complaint and of an appeal, each with its one table of transitions.

    complaint:  received ─▶ admissible ─▶ under investigation ─▶ founded / unfounded
                    │
                    ▼
                inadmissible

    appeal:     lodged ─▶ committee seated ─▶ decided

`COMPLAINT` and `APPEAL` are the tables, with who takes each step; every service passes
through their gate, and nothing else decides whether a step may follow another or who may
take it.

Complaints are handled by the body's staff: a file manager (or a decision maker) registers
one, judges whether it is admissible and investigates it; a decision maker concludes it and
sanctions. An appeal is lodged by the holder's administrator, or recorded by a file manager;
the committee's secretary (a file manager) seats it and records its votes; a decision maker
enacts its outcome. Every step on a complaint or appeal about a holder, but registering and
lodging, is an impartial act of the body (ISO/IEC 17065 4.2, 7.13): refused to whoever
evaluated the file concerned or is tied to its holder.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark.complaints.exceptions import StepNotAllowed
from qualimark.lifecycle import Lifecycle, Rule
from qualimark.parties.roles import Act, Capacity, act


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    ADMISSIBLE = "admissible", _("admissible")
    INADMISSIBLE = "inadmissible", _("inadmissible")
    UNDER_INVESTIGATION = "under_investigation", _("under investigation")
    FOUNDED = "founded", _("founded")
    UNFOUNDED = "unfounded", _("unfounded")


class ComplaintStep(models.TextChoices):
    DECLARE_ADMISSIBLE = "declare_admissible", _("declare the complaint admissible")
    DECLARE_INADMISSIBLE = "declare_inadmissible", _("declare the complaint inadmissible")
    START_INVESTIGATION = "start_investigation", _("start the investigation")
    NOTE_INVESTIGATION = "note_investigation", _("add to the investigation notes")
    CONCLUDE_FOUNDED = "conclude_founded", _("conclude that the complaint is founded")
    CONCLUDE_UNFOUNDED = "conclude_unfounded", _("conclude that the complaint is unfounded")
    IMPOSE_SANCTION = "impose_sanction", _("impose a sanction for the complaint")


class AppealStatus(models.TextChoices):
    LODGED = "lodged", _("lodged")
    SEATED = "seated", _("committee seated")
    DECIDED = "decided", _("decided")


class AppealStep(models.TextChoices):
    SEAT_COMMITTEE = "seat_committee", _("seat the appeal committee")
    RECORD_VOTE = "record_vote", _("record a vote")
    DECIDE = "decide", _("decide the appeal")


# Who handles complaints (registers them, judges admissibility, investigates, writes), and
# who decides on them (concludes, sanctions) and enacts the outcome of an appeal.
HANDLES = frozenset({Capacity.FILE_MANAGER, Capacity.DECISION_MAKER, Capacity.ADMINISTRATOR})
DECIDES = frozenset({Capacity.DECISION_MAKER, Capacity.ADMINISTRATOR})
# The Appeal Committee's secretary: seats the committee and records its votes.
SECRETARY = frozenset({Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR})

REGISTER = act("complaints.register_complaint", _("register a complaint"), HANDLES)
JUDGE_ADMISSIBILITY = act(
    "complaints.judge_admissibility",
    _("judge whether the complaint is admissible"),
    HANDLES,
    impartial=True,
)
INVESTIGATE = act("complaints.investigate", _("investigate the complaint"), HANDLES, impartial=True)
CONCLUDE = act(
    "complaints.conclude", _("conclude the investigation of the complaint"), DECIDES, impartial=True
)
SANCTION = act(
    "complaints.sanction", _("impose a sanction for the complaint"), DECIDES, impartial=True
)
WRITE = act("complaints.send_letter", _("send a letter about the complaint"), HANDLES)

LODGE = act(
    "complaints.lodge_appeal",
    _("lodge an appeal"),
    {Capacity.HOLDER_ADMINISTRATOR, *SECRETARY},
)
SEAT = act("complaints.seat_committee", _("seat the appeal committee"), SECRETARY, impartial=True)
RECORD_VOTE = act(
    "complaints.record_vote", _("record a vote of the appeal committee"), SECRETARY, impartial=True
)
ENACT = act(
    "complaints.decide_appeal", _("enact the outcome of the appeal"), DECIDES, impartial=True
)

_STEP_REFUSAL = _(
    "Cannot %(action)s: it is %(current)s; this is only possible when it is %(allowed)s."
)


def _rule(sources: set[ComplaintStatus], target: ComplaintStatus, by: Act) -> Rule[ComplaintStatus]:
    return Rule(frozenset(sources), target, by)


S = ComplaintStatus
COMPLAINT: Lifecycle[ComplaintStatus, ComplaintStep] = Lifecycle(
    "complaint",
    ComplaintStatus,
    ComplaintStep,
    {
        ComplaintStep.DECLARE_ADMISSIBLE: _rule({S.RECEIVED}, S.ADMISSIBLE, JUDGE_ADMISSIBILITY),
        ComplaintStep.DECLARE_INADMISSIBLE: _rule(
            {S.RECEIVED}, S.INADMISSIBLE, JUDGE_ADMISSIBILITY
        ),
        ComplaintStep.START_INVESTIGATION: _rule(
            {S.ADMISSIBLE}, S.UNDER_INVESTIGATION, INVESTIGATE
        ),
        ComplaintStep.NOTE_INVESTIGATION: _rule(
            {S.UNDER_INVESTIGATION}, S.UNDER_INVESTIGATION, INVESTIGATE
        ),
        ComplaintStep.CONCLUDE_FOUNDED: _rule({S.UNDER_INVESTIGATION}, S.FOUNDED, CONCLUDE),
        ComplaintStep.CONCLUDE_UNFOUNDED: _rule({S.UNDER_INVESTIGATION}, S.UNFOUNDED, CONCLUDE),
        # The system never sanctions by itself: a founded complaint only proposes a next
        # step, and a person then imposes (or does not impose) a sanction.
        ComplaintStep.IMPOSE_SANCTION: _rule({S.FOUNDED}, S.FOUNDED, SANCTION),
    },
    noun=_("the complaint"),
    error=StepNotAllowed,
    refusal=_STEP_REFUSAL,
)

A = AppealStatus
APPEAL: Lifecycle[AppealStatus, AppealStep] = Lifecycle(
    "appeal",
    AppealStatus,
    AppealStep,
    {
        # A committee may be seated again (a member withdraws) as long as no one has voted;
        # the service checks the votes.
        AppealStep.SEAT_COMMITTEE: Rule(frozenset({A.LODGED, A.SEATED}), A.SEATED, SEAT),
        AppealStep.RECORD_VOTE: Rule(frozenset({A.SEATED}), A.SEATED, RECORD_VOTE),
        AppealStep.DECIDE: Rule(frozenset({A.SEATED}), A.DECIDED, ENACT),
    },
    noun=_("the appeal"),
    error=StepNotAllowed,
    refusal=_STEP_REFUSAL,
)
