"""The steps of a complaint and of an appeal, each with its one table of transitions.

    complaint:  received ─▶ admissible ─▶ under investigation ─▶ founded / unfounded
                    │
                    ▼
                inadmissible

    appeal:     lodged ─▶ committee seated ─▶ decided

Every service passes through `check_complaint_step` or `check_appeal_step`; nothing else
decides whether a step may follow another.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.complaints.exceptions import StepNotAllowed


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


S = ComplaintStatus
COMPLAINT_STEPS: dict[ComplaintStep, tuple[frozenset[ComplaintStatus], ComplaintStatus]] = {
    ComplaintStep.DECLARE_ADMISSIBLE: (frozenset({S.RECEIVED}), S.ADMISSIBLE),
    ComplaintStep.DECLARE_INADMISSIBLE: (frozenset({S.RECEIVED}), S.INADMISSIBLE),
    ComplaintStep.START_INVESTIGATION: (frozenset({S.ADMISSIBLE}), S.UNDER_INVESTIGATION),
    ComplaintStep.NOTE_INVESTIGATION: (
        frozenset({S.UNDER_INVESTIGATION}),
        S.UNDER_INVESTIGATION,
    ),
    ComplaintStep.CONCLUDE_FOUNDED: (frozenset({S.UNDER_INVESTIGATION}), S.FOUNDED),
    ComplaintStep.CONCLUDE_UNFOUNDED: (frozenset({S.UNDER_INVESTIGATION}), S.UNFOUNDED),
    # The system never sanctions by itself: a founded complaint only proposes a next step,
    # and a person then imposes (or does not impose) a sanction.
    ComplaintStep.IMPOSE_SANCTION: (frozenset({S.FOUNDED}), S.FOUNDED),
}


class AppealStatus(models.TextChoices):
    LODGED = "lodged", _("lodged")
    SEATED = "seated", _("committee seated")
    DECIDED = "decided", _("decided")


class AppealStep(models.TextChoices):
    SEAT_COMMITTEE = "seat_committee", _("seat the appeal committee")
    RECORD_VOTE = "record_vote", _("record a vote")
    DECIDE = "decide", _("decide the appeal")


A = AppealStatus
APPEAL_STEPS: dict[AppealStep, tuple[frozenset[AppealStatus], AppealStatus]] = {
    # A committee may be seated again (a member withdraws) as long as no one has voted;
    # the service checks the votes.
    AppealStep.SEAT_COMMITTEE: (frozenset({A.LODGED, A.SEATED}), A.SEATED),
    AppealStep.RECORD_VOTE: (frozenset({A.SEATED}), A.SEATED),
    AppealStep.DECIDE: (frozenset({A.SEATED}), A.DECIDED),
}


def check_complaint_step(step: ComplaintStep, current: str) -> ComplaintStatus:
    """The status after `step`, or StepNotAllowed if a complaint in `current` cannot take it."""
    sources, target = COMPLAINT_STEPS[step]
    if current not in sources:
        raise StepNotAllowed(
            _refusal(str(step.label), str(ComplaintStatus(current).label), sources)
        )
    return target


def check_appeal_step(step: AppealStep, current: str) -> AppealStatus:
    """The status after `step`, or StepNotAllowed if an appeal in `current` cannot take it."""
    sources, target = APPEAL_STEPS[step]
    if current not in sources:
        raise StepNotAllowed(_refusal(str(step.label), str(AppealStatus(current).label), sources))
    return target


def open_complaint_steps(current: str) -> list[ComplaintStep]:
    return [step for step, (sources, _target) in COMPLAINT_STEPS.items() if current in sources]


def open_appeal_steps(current: str) -> list[AppealStep]:
    return [step for step, (sources, _target) in APPEAL_STEPS.items() if current in sources]


def _refusal(action: str, current: str, sources: frozenset[models.TextChoices]) -> str:
    allowed = ", ".join(sorted(str(source.label) for source in sources))
    return gettext(
        "Cannot %(action)s: it is %(current)s; this is only possible when it is %(allowed)s."
    ) % {"action": action, "current": current, "allowed": allowed}
