"""The statuses of a lot inspection request and the one table of what may follow what.

    requested ─▶ inspection planned ─▶ inspected, conform (conformity document)
        │              │  ▲  │
        │              └──┘  └─────▶ refused (refusal listing the failed characteristics)
        ▼              ▼
    cancelled      cancelled

Every service in `services.py` passes through `check_lot_transition`.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.errors import DomainError


class LotStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    PLANNED = "planned", _("inspection planned")
    INSPECTED_CONFORM = "inspected_conform", _("inspected, conform")
    REFUSED = "refused", _("refused")
    CANCELLED = "cancelled", _("cancelled")


class LotTransition(models.TextChoices):
    PLAN = "plan", _("plan the inspection")
    CONFIRM = "confirm", _("issue the conformity document")
    REFUSE = "refuse", _("refuse the lot")
    CANCEL = "cancel", _("cancel the request")


# Planning again (another day, another inspector) is allowed until the lot is inspected.
TRANSITIONS: dict[LotTransition, tuple[frozenset[LotStatus], LotStatus]] = {
    LotTransition.PLAN: (frozenset({LotStatus.REQUESTED, LotStatus.PLANNED}), LotStatus.PLANNED),
    LotTransition.CONFIRM: (frozenset({LotStatus.PLANNED}), LotStatus.INSPECTED_CONFORM),
    LotTransition.REFUSE: (frozenset({LotStatus.PLANNED}), LotStatus.REFUSED),
    LotTransition.CANCEL: (
        frozenset({LotStatus.REQUESTED, LotStatus.PLANNED}),
        LotStatus.CANCELLED,
    ),
}


class LotTransitionNotAllowed(DomainError):
    code = "lot_transition_not_allowed"


def check_lot_transition(
    transition: LotTransition, current: LotStatus, reference: str
) -> LotStatus:
    """The status that `transition` leads to, or LotTransitionNotAllowed from `current`."""
    sources, target = TRANSITIONS[transition]
    if current not in sources:
        allowed = ", ".join(str(LotStatus(s).label) for s in sorted(sources))
        raise LotTransitionNotAllowed(
            gettext(
                "Cannot %(action)s: request %(reference)s is %(current)s; this is only "
                "possible when it is %(allowed)s."
            )
            % {
                "action": transition.label,
                "reference": reference,
                "current": LotStatus(current).label,
                "allowed": allowed,
            }
        )
    return target


def allowed_lot_transitions(current: LotStatus) -> list[LotTransition]:
    return [t for t, (sources, _target) in TRANSITIONS.items() if current in sources]
