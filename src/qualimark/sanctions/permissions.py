"""Who may sanction a file and who handles the next steps proposed on it.

Every sanction (a warning, stricter oversight, a suspension, a withdrawal) and every end of
one (lifting a suspension, ending stricter oversight, revoking a sanction on appeal) is a
decision of the body on the file: a decision maker's, impartial (ISO/IEC 17065 7.6), refused
to whoever evaluated the file or is tied to its holder. The system proposes next steps (the
daily run, a founded complaint) and so may the staff whose work calls for one; a file
manager or a decision maker not involved in the file says what was done about each.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from qualimark.certification.lifecycle import DECIDES
from qualimark.certification.models import Certificate
from qualimark.certification.permissions import file_standing
from qualimark.parties import roles
from qualimark.parties.roles import STAFF, Actor, Capacity, Standing, act, register_permissions
from qualimark.sanctions.models import Proposal, Sanction

IMPOSE = act("sanctions.impose_sanction", _("impose a sanction"), DECIDES, impartial=True)
LIFT = act("sanctions.lift_suspension", _("lift the suspension"), DECIDES, impartial=True)
END = act(
    "sanctions.end_stricter_oversight", _("end the stricter oversight"), DECIDES, impartial=True
)
REVOKE = act(
    "sanctions.revoke_sanction", _("revoke the sanction on appeal"), DECIDES, impartial=True
)
PROPOSE = act("sanctions.propose_next_step", _("propose a next step"), {Capacity.SYSTEM, *STAFF})
RESOLVE = act(
    "sanctions.resolve_proposal",
    _("handle a proposed next step"),
    {Capacity.FILE_MANAGER, Capacity.DECISION_MAKER, Capacity.ADMINISTRATOR},
    impartial=True,
)


def _standing_of(actor: Actor, obj: Any) -> Standing:
    if isinstance(obj, Certificate):
        return file_standing(actor, obj)
    if isinstance(obj, Sanction | Proposal):
        return file_standing(actor, obj.certificate)
    return roles.standing(actor)


register_permissions([IMPOSE, LIFT, END, REVOKE, PROPOSE, RESOLVE], _standing_of)
