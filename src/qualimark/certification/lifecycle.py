"""The lifecycle of a certification file: its statuses and the one table of transitions.

    application ─▶ admissible ─▶ trial period ─▶ certified ⇄ suspended
         │              │              │              │           │
         ▼              ▼              ▼              ▼           ▼
     withdrawn       rejected     not granted    withdrawn / renounced / expired

`LIFECYCLE` is the one table of transitions, with who takes each; every service in
`services.py` passes through its gate, and nothing else decides whether a status may follow
another or who may take it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark import lifecycle
from qualimark.lifecycle import Lifecycle, Rule
from qualimark.parties.roles import Act, Capacity, act


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


class TransitionNotAllowed(lifecycle.TransitionNotAllowed):
    code = "transition_not_allowed"


class Transition(models.TextChoices):
    # APPLY opens a file and so has no source status: it is not in the table.
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
    # ANNUL undoes another decision after an appeal upheld the holder, as if it had never
    # been taken (see `services.annul_decision`); it has no source status of its own and
    # so is not in the table either.
    ANNUL = "annul", _("annul a decision on appeal")


# Who takes which decision. Steering an application (admissibility, trial period) belongs to
# file managers and decision makers; every decision that changes what is certified to the
# decision makers (ISO/IEC 17065 7.6); both are the body's own, impartial acts. Renouncing a
# certificate and withdrawing an application are the holder's own acts (a file manager may
# record a withdrawal the holder sent in writing).
STEERS = frozenset({Capacity.FILE_MANAGER, Capacity.DECISION_MAKER, Capacity.ADMINISTRATOR})
DECIDES = frozenset({Capacity.DECISION_MAKER, Capacity.ADMINISTRATOR})

STEER = act("certification.steer_file", _("steer the file"), STEERS, impartial=True)
DECIDE = act("certification.decide", _("decide on the file"), DECIDES, impartial=True)
APPLY = act(
    "certification.apply",
    _("apply for certification"),
    {Capacity.HOLDER_USER, Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR},
)
WITHDRAW_OWN = act(
    "certification.withdraw_application",
    _("withdraw the application"),
    {Capacity.HOLDER_ADMINISTRATOR, *STEERS},
)
RENOUNCE = act(
    "certification.renounce", _("renounce the certificate"), {Capacity.HOLDER_ADMINISTRATOR}
)
EXPIRE = act(
    "certification.expire",
    _("record the expiry of the certificate"),
    {Capacity.SYSTEM, *DECIDES},
    impartial=True,
)


def _rule(sources: set[Status], target: Status, by: Act = DECIDE) -> Rule[Status]:
    return Rule(frozenset(sources), target, by)


LIFECYCLE: Lifecycle[Status, Transition] = Lifecycle(
    "certification",
    Status,
    Transition,
    {
        Transition.ADMIT: _rule({Status.APPLIED}, Status.ADMISSIBLE, STEER),
        Transition.REJECT: _rule({Status.APPLIED}, Status.REJECTED, STEER),
        Transition.WITHDRAW_APPLICATION: _rule(
            {Status.APPLIED, Status.ADMISSIBLE, Status.TRIAL},
            Status.APPLICATION_WITHDRAWN,
            WITHDRAW_OWN,
        ),
        Transition.START_TRIAL: _rule({Status.ADMISSIBLE}, Status.TRIAL, STEER),
        Transition.GRANT: _rule({Status.TRIAL}, Status.CERTIFIED),
        Transition.REFUSE: _rule({Status.TRIAL}, Status.NOT_GRANTED),
        Transition.SUSPEND: _rule({Status.CERTIFIED}, Status.SUSPENDED),
        Transition.LIFT: _rule({Status.SUSPENDED}, Status.CERTIFIED),
        Transition.WITHDRAW: _rule({Status.CERTIFIED, Status.SUSPENDED}, Status.WITHDRAWN),
        Transition.RENOUNCE: _rule(
            {Status.CERTIFIED, Status.SUSPENDED}, Status.RENOUNCED, RENOUNCE
        ),
        Transition.EXPIRE: _rule({Status.CERTIFIED, Status.SUSPENDED}, Status.EXPIRED, EXPIRE),
        Transition.RENEW: _rule({Status.CERTIFIED}, Status.CERTIFIED),
    },
    noun=_("the file"),
    error=TransitionNotAllowed,
    refusal=_(
        "Cannot %(action)s: the file is %(current)s on that date; "
        "this is only possible when it is %(allowed)s."
    ),
)

# The decisions an appeal can be against, and that an appeal committee can annul.
ANNULLABLE = frozenset(
    {Transition.REJECT, Transition.REFUSE, Transition.SUSPEND, Transition.WITHDRAW}
)
