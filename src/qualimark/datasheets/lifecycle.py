"""The lifecycles of datasheets and of the holders' proposals, with who takes each transition.

A datasheet:

    draft ─▶ published ─▶ withdrawn
                 │
                 └──────▶ superseded (by another datasheet)

A proposal of a holder:

    proposed ─▶ published
        │
        └─────▶ sent back

`DATASHEET` and `PROPOSAL` are the tables; the services of `services.py` and `proposals.py`
pass through their gates, and nothing else decides whether a status may follow another.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark import lifecycle
from qualimark.datasheets.errors import DatasheetError, ProposalError
from qualimark.datasheets.models import DatasheetStatus, ProposalStatus
from qualimark.lifecycle import Lifecycle, Rule
from qualimark.parties.roles import Capacity, act


class DatasheetTransitionNotAllowed(DatasheetError, lifecycle.TransitionNotAllowed):
    code = "datasheet_error"


class ProposalTransitionNotAllowed(ProposalError, lifecycle.TransitionNotAllowed):
    code = "proposal_error"


class Transition(models.TextChoices):
    # CREATE makes the datasheet and so has no source status: it is not in the table.
    CREATE = "create", _("create the datasheet")
    ADD_VERSION = "add_version", _("add a version to the datasheet")
    PUBLISH = "publish", _("publish the datasheet")
    WITHDRAW = "withdraw", _("withdraw the datasheet")
    SUPERSEDE = "supersede", _("supersede the datasheet")


class ProposalTransition(models.TextChoices):
    # PROPOSE makes the proposal and so has no source status: it is not in the table.
    PROPOSE = "propose", _("propose a datasheet")
    PUBLISH = "publish", _("publish the proposal")
    SEND_BACK = "send_back", _("send the proposal back")


# The body's file managers keep the datasheets of its files; what is published says which
# products the certificate covers, a decision of the body that nobody tied to the holder
# takes. A holder's users propose; the file managers review.
MANAGERS = frozenset({Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR})

PREPARE = act("datasheets.prepare", _("prepare a datasheet"), MANAGERS)
PUBLISH = act(
    "datasheets.publish", _("publish, withdraw or supersede a datasheet"), MANAGERS, impartial=True
)
PROPOSE = act("datasheets.propose", _("propose a datasheet"), {Capacity.HOLDER_USER})
REVIEW = act(
    "datasheets.review_proposal", _("review a datasheet proposal"), MANAGERS, impartial=True
)

_OPEN = frozenset({DatasheetStatus.DRAFT, DatasheetStatus.PUBLISHED})
_PUBLISHED = frozenset({DatasheetStatus.PUBLISHED})

DATASHEET: Lifecycle[DatasheetStatus, Transition] = Lifecycle(
    "datasheet",
    DatasheetStatus,
    Transition,
    {
        # A new version changes no status of the datasheet: it is itself a draft until it
        # is published.
        Transition.ADD_VERSION: Rule(_OPEN, DatasheetStatus.DRAFT, PREPARE),
        Transition.PUBLISH: Rule(_OPEN, DatasheetStatus.PUBLISHED, PUBLISH),
        Transition.WITHDRAW: Rule(_PUBLISHED, DatasheetStatus.WITHDRAWN, PUBLISH),
        Transition.SUPERSEDE: Rule(_PUBLISHED, DatasheetStatus.SUPERSEDED, PUBLISH),
    },
    noun=_("the datasheet"),
    error=DatasheetTransitionNotAllowed,
)

_PROPOSED = frozenset({ProposalStatus.PROPOSED})

PROPOSAL: Lifecycle[ProposalStatus, ProposalTransition] = Lifecycle(
    "datasheet_proposal",
    ProposalStatus,
    ProposalTransition,
    {
        ProposalTransition.PUBLISH: Rule(_PROPOSED, ProposalStatus.PUBLISHED, REVIEW),
        ProposalTransition.SEND_BACK: Rule(_PROPOSED, ProposalStatus.SENT_BACK, REVIEW),
    },
    noun=_("the proposal"),
    error=ProposalTransitionNotAllowed,
    refusal=_("This proposal is already %(current)s: it can no longer be reviewed."),
)
