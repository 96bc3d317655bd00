"""Who stands where towards an inspection: the object rule of the role table for oversight.

An inspection is seen by the body's staff and by its assigned inspector; the holder's users
see it once its report is sent (visits are unannounced). Whoever inspected it does not
evaluate its report, nor does anyone tied to the holder or acting for it (ISO/IEC 17065).
"""

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.errors import SeparationOfDutiesError
from qualimark.oversight.lifecycle import COMMENT, LIFECYCLE, OTHER_ACTS, SENT_TO_HOLDER
from qualimark.oversight.models import CorrectiveAction, Inspection
from qualimark.parties import roles
from qualimark.parties.roles import Actor, Capacity, Standing, register_permissions

_HOLDER = frozenset({Capacity.HOLDER_USER, Capacity.HOLDER_ADMINISTRATOR})


def _account_pk(actor: Actor) -> int | None:
    return actor.pk if isinstance(actor, User) and actor.is_authenticated else None


def inspection_standing(actor: Actor, inspection: Inspection) -> Standing:
    """What `actor` is towards `inspection`: staff, its inspector, the holder's user, tied."""
    pk = _account_pk(actor)
    assigned = pk is not None and inspection.inspector_id == pk
    found = roles.standing(actor, holder=inspection.certificate.holder_id, assigned=assigned)
    capacities = found.capacities
    if inspection.status not in SENT_TO_HOLDER:
        capacities = capacities - _HOLDER
    conflict = found.conflict
    if assigned:
        conflict = SeparationOfDutiesError(
            gettext(
                "%(person)s inspected %(reference)s and so cannot evaluate its report "
                "(ISO/IEC 17065: the evaluation is made by someone other than the inspector)."
            )
            % {"person": actor, "reference": inspection.reference}
        )
    visible = assigned or bool(capacities - {Capacity.PUBLIC})
    return Standing(actor, visible, capacities, conflict)


def _standing_of(actor: Actor, obj: Any) -> Standing:
    if isinstance(obj, Inspection):
        return inspection_standing(actor, obj)
    if isinstance(obj, CorrectiveAction):
        return inspection_standing(actor, obj.inspection)
    if isinstance(obj, Certificate):
        return roles.standing(actor, holder=obj.holder_id)
    return roles.standing(actor)


def _comment_standing_of(actor: Actor, obj: Any) -> Standing:
    """For pages only: the holder's users may comment while the window is open.

    The service asks the role alone, then refuses a late comment with its own message,
    which names the deadline.
    """
    found = _standing_of(actor, obj)
    if isinstance(obj, Inspection) and obj.comment_window_open(clock.today()):
        return found
    return replace(found, capacities=found.capacities - _HOLDER)


register_permissions([*LIFECYCLE.acts, *(a for a in OTHER_ACTS if a != COMMENT)], _standing_of)
register_permissions([COMMENT], _comment_standing_of)
