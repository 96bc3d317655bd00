"""The lifecycle of a certification file: its statuses and the one table of transitions.

    application ─▶ admissible ─▶ trial period ─▶ certified ⇄ suspended
         │              │              │              │           │
         ▼              ▼              ▼              ▼           ▼
     withdrawn       rejected     not granted    withdrawn / renounced / expired

Every service in `services.py` passes through `check_transition`; nothing else decides
whether a status may follow another.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.errors import DomainError


class Status(models.TextChoices):
    APPLIED = "applied", _("application received")
    ADMISSIBLE = "admissible", _("application admissible")
    REJECTED = "rejected", _("application rejected")
    APPLICATION_WITHDRAWN = "application_withdrawn", _("application withdrawn")
    TRIAL = "trial", _("in trial period")
    NOT_GRANTED = "not_granted", _("not granted")
    CERTIFIED = "certified", _("certified")
    SUSPENDED = "suspended", _("suspended")
    WITHDRAWN = "withdrawn", _("withdrawn")
    RENOUNCED = "renounced", _("renounced")
    EXPIRED = "expired", _("expired")


FINAL = frozenset(
    {
        Status.REJECTED,
        Status.APPLICATION_WITHDRAWN,
        Status.NOT_GRANTED,
        Status.WITHDRAWN,
        Status.RENOUNCED,
        Status.EXPIRED,
    }
)
# Statuses in which the holder may use the mark: only these carry an expiry date.
CERTIFIED_STATUSES = frozenset({Status.CERTIFIED, Status.SUSPENDED})
# Statuses in which the body oversees the file (inspects it, may sanction it): from its
# trial period on, while certified and while suspended.
UNDER_OVERSIGHT = frozenset({Status.TRIAL, Status.CERTIFIED, Status.SUSPENDED})


class Transition(models.TextChoices):
    # APPLY opens a file and so has no source status: it is not in TRANSITIONS.
    APPLY = "apply", _("apply for certification")
    ADMIT = "admit", _("declare the application admissible")
    REJECT = "reject", _("reject the application")
    WITHDRAW_APPLICATION = "withdraw_application", _("withdraw the application")
    START_TRIAL = "start_trial", _("start the trial period")
    GRANT = "grant", _("grant the certificate")
    REFUSE = "refuse", _("refuse the certificate after the trial period")
    SUSPEND = "suspend", _("suspend the certificate")
    LIFT = "lift", _("lift the suspension")
    WITHDRAW = "withdraw", _("withdraw the certificate")
    RENOUNCE = "renounce", _("renounce the certificate")
    EXPIRE = "expire", _("record the expiry of the certificate")
    RENEW = "renew", _("renew the certificate")
    # Reversals of a decision on appeal (see `services.reverse_decision`); a suspension
    # reversed on appeal is lifted (LIFT).
    READMIT = "readmit", _("declare the application admissible on appeal")
    RESUME_TRIAL = "resume_trial", _("resume the trial period on appeal")
    REINSTATE = "reinstate", _("reinstate the certificate on appeal")


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status]
    target: Status
    # A decision of the certification body: ISO/IEC 17065 forbids it to anyone who
    # evaluated or inspected the file. Renouncing and withdrawing an application are the
    # holder's own acts, not decisions of the body.
    by_certification_body: bool = True
    # Only the outcome of an appeal may take it: it undoes a final decision of the body.
    on_appeal_only: bool = False


def _rule(
    sources: set[Status], target: Status, *, by_cb: bool = True, on_appeal: bool = False
) -> Rule:
    return Rule(frozenset(sources), target, by_cb, on_appeal)


TRANSITIONS: dict[Transition, Rule] = {
    Transition.ADMIT: _rule({Status.APPLIED}, Status.ADMISSIBLE),
    Transition.REJECT: _rule({Status.APPLIED}, Status.REJECTED),
    Transition.WITHDRAW_APPLICATION: _rule(
        {Status.APPLIED, Status.ADMISSIBLE, Status.TRIAL}, Status.APPLICATION_WITHDRAWN, by_cb=False
    ),
    Transition.START_TRIAL: _rule({Status.ADMISSIBLE}, Status.TRIAL),
    Transition.GRANT: _rule({Status.TRIAL}, Status.CERTIFIED),
    Transition.REFUSE: _rule({Status.TRIAL}, Status.NOT_GRANTED),
    Transition.SUSPEND: _rule({Status.CERTIFIED}, Status.SUSPENDED),
    Transition.LIFT: _rule({Status.SUSPENDED}, Status.CERTIFIED),
    Transition.WITHDRAW: _rule({Status.CERTIFIED, Status.SUSPENDED}, Status.WITHDRAWN),
    Transition.RENOUNCE: _rule({Status.CERTIFIED, Status.SUSPENDED}, Status.RENOUNCED, by_cb=False),
    Transition.EXPIRE: _rule({Status.CERTIFIED, Status.SUSPENDED}, Status.EXPIRED),
    Transition.RENEW: _rule({Status.CERTIFIED}, Status.CERTIFIED),
    Transition.READMIT: _rule({Status.REJECTED}, Status.ADMISSIBLE, on_appeal=True),
    Transition.RESUME_TRIAL: _rule({Status.NOT_GRANTED}, Status.TRIAL, on_appeal=True),
    Transition.REINSTATE: _rule({Status.WITHDRAWN}, Status.CERTIFIED, on_appeal=True),
}

# The decision that undoes each appealable decision when an appeal committee reverses it.
REVERSALS: dict[Transition, Transition] = {
    Transition.REJECT: Transition.READMIT,
    Transition.REFUSE: Transition.RESUME_TRIAL,
    Transition.SUSPEND: Transition.LIFT,
    Transition.WITHDRAW: Transition.REINSTATE,
}


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"


def check_transition(transition: Transition, current: Status | None) -> Rule:
    """The rule of `transition`, or TransitionNotAllowed if `current` does not allow it."""
    rule = TRANSITIONS[transition]
    if current not in rule.sources:
        allowed = ", ".join(str(Status(s).label) for s in sorted(rule.sources))
        raise TransitionNotAllowed(
            gettext(
                "Cannot %(action)s: the file is %(current)s on that date; "
                "this is only possible when it is %(allowed)s."
            )
            % {
                "action": transition.label,
                "current": Status(current).label if current else gettext("not yet applied for"),
                "allowed": allowed,
            }
        )
    return rule


def allowed_transitions(current: Status | None) -> list[Transition]:
    """The decisions open on a file in status `current`, outside an appeal."""
    return [
        t for t, rule in TRANSITIONS.items() if current in rule.sources and not rule.on_appeal_only
    ]
