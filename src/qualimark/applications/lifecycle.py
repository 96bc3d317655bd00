"""The lifecycle of an online application: a draft, changed by its holder until it is submitted.

    draft ─▶ submitted
      │
      ▼
  (discarded: the draft is deleted with its documents)

`LIFECYCLE` is the one table of transitions, with who takes each; every service of
`services.py` that changes an application passes through its gate.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark import lifecycle
from qualimark.applications.exceptions import InvalidApplicationDraft
from qualimark.applications.models import ApplicationStatus
from qualimark.lifecycle import Lifecycle, Rule
from qualimark.parties.roles import READERS, Capacity, act


class ApplicationNotDraft(InvalidApplicationDraft, lifecycle.TransitionNotAllowed):
    """The application is no longer a draft: it takes no change (the draft's own code)."""

    code = "invalid_application_draft"


class Transition(models.TextChoices):
    # START makes the draft and so has no source status: it is not in the table.
    START = "start", _("start an application")
    EDIT = "edit", _("change the application")
    SUBMIT = "submit", _("submit the application")
    DISCARD = "discard", _("discard the application")


# An application is the holder's own: its users prepare, submit or discard it; the
# certification body's staff read it (and decide on the file it opens, in `certification`).
START = act(
    "applications.start_application", _("start an online application"), {Capacity.HOLDER_USER}
)
EDIT = act("applications.edit_application", _("change a draft application"), {Capacity.HOLDER_USER})
VIEW = act(
    "applications.view_application",
    _("see the application"),
    {Capacity.HOLDER_USER, *READERS},
)

_DRAFT = frozenset({ApplicationStatus.DRAFT})

LIFECYCLE: Lifecycle[ApplicationStatus, Transition] = Lifecycle(
    "application",
    ApplicationStatus,
    Transition,
    {
        Transition.EDIT: Rule(_DRAFT, ApplicationStatus.DRAFT, EDIT),
        Transition.SUBMIT: Rule(_DRAFT, ApplicationStatus.SUBMITTED, EDIT),
        # The draft is deleted: nothing is left to carry a status, so the rule names none
        # other than the draft's own.
        Transition.DISCARD: Rule(_DRAFT, ApplicationStatus.DRAFT, EDIT),
    },
    noun=_("the application"),
    error=ApplicationNotDraft,
    refusal=_("Cannot %(action)s: %(noun)s is %(current)s; it can no longer be changed."),
)
