"""The statuses of a lot inspection request and the one table of what may follow what.

    requested ─▶ inspection planned ─▶ inspected, conform (conformity document)
        │              │  ▲  │
        │              └──┘  └─────▶ refused (refusal listing the failed characteristics)
        ▼              ▼
    cancelled      cancelled

`LIFECYCLE` is the one table, with who takes each step; every service in `services.py`
passes through its gate.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark import lifecycle
from qualimark.lifecycle import Lifecycle, Rule
from qualimark.parties.roles import STAFF, Act, Capacity, act


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


class LotTransitionNotAllowed(lifecycle.TransitionNotAllowed):
    code = "lot_transition_not_allowed"


# Who does what. Anyone may ask for a lot inspection (the public web form); asking in the
# name of an organisation is for its users and for the body's staff, who enter requests
# received otherwise. File managers plan and cancel. The outcome (the conformity document
# or the refusal) is the body's decision: taken by a file manager or a decision maker who
# did not inspect the lot and is not tied to the requester (ISO/IEC 17065 7.6).
MANAGES = frozenset({Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR})
ISSUES = frozenset({Capacity.FILE_MANAGER, Capacity.DECISION_MAKER, Capacity.ADMINISTRATOR})

REQUEST = act("lots.request_inspection", _("request a lot inspection"), {Capacity.PUBLIC})
REQUEST_FOR = act(
    "lots.request_for_organisation",
    _("request a lot inspection in the name of an organisation"),
    {Capacity.HOLDER_USER, *STAFF},
)
PLAN = act("lots.plan_inspection", _("plan the lot inspection"), MANAGES)
ISSUE = act(
    "lots.issue_outcome", _("issue the outcome of the lot inspection"), ISSUES, impartial=True
)
CANCEL = act("lots.cancel_request", _("cancel the lot inspection request"), MANAGES)


def _rule(sources: set[LotStatus], target: LotStatus, by: Act) -> Rule[LotStatus]:
    return Rule(frozenset(sources), target, by)


# Planning again (another day, another inspector) is allowed until the lot is inspected.
LIFECYCLE: Lifecycle[LotStatus, LotTransition] = Lifecycle(
    "lot",
    LotStatus,
    LotTransition,
    {
        LotTransition.PLAN: _rule(
            {LotStatus.REQUESTED, LotStatus.PLANNED}, LotStatus.PLANNED, PLAN
        ),
        LotTransition.CONFIRM: _rule({LotStatus.PLANNED}, LotStatus.INSPECTED_CONFORM, ISSUE),
        LotTransition.REFUSE: _rule({LotStatus.PLANNED}, LotStatus.REFUSED, ISSUE),
        LotTransition.CANCEL: _rule(
            {LotStatus.REQUESTED, LotStatus.PLANNED}, LotStatus.CANCELLED, CANCEL
        ),
    },
    noun=_("the lot request"),
    error=LotTransitionNotAllowed,
)

# The acts of lots that are no step of the table.
OTHER_ACTS = (REQUEST, REQUEST_FOR)
