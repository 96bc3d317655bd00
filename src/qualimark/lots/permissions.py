"""Who stands where towards a lot inspection request: the object rule of the role table.

A request is seen by the body's staff, by the inspector assigned to the lot and by the users
of the organisation that asked for it. Whoever
inspected the lot does not issue its document (ISO/IEC 17065 7.6), nor does anyone tied to
the requesting organisation or acting for it.
"""

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext

from qualimark.accounts.models import User
from qualimark.errors import SeparationOfDutiesError
from qualimark.lots.lifecycle import LIFECYCLE, OTHER_ACTS
from qualimark.lots.models import LotInspectionRequest
from qualimark.parties import roles
from qualimark.parties.models import Organisation
from qualimark.parties.roles import Actor, Standing, register_permissions


def lot_standing(actor: Actor, lot_request: LotInspectionRequest) -> Standing:
    """What `actor` is towards `lot_request`: staff, its inspector, tied to the requester."""
    pk = actor.pk if isinstance(actor, User) and actor.is_authenticated else None
    assigned = pk is not None and lot_request.inspector_id == pk
    found = roles.standing(actor, holder=lot_request.requester_organisation_id, assigned=assigned)
    if not assigned:
        return found
    return replace(
        found,
        conflict=SeparationOfDutiesError(
            gettext(
                "%(person)s inspected lot %(reference)s and so cannot issue its document "
                "(ISO/IEC 17065: the decision is made by someone not involved in the "
                "evaluation)."
            )
            % {"person": actor, "reference": lot_request.reference}
        ),
    )


def requester_standing(actor: Actor, organisation: Organisation | None) -> Standing:
    """What `actor` is towards the organisation in whose name a lot is requested (if any)."""
    return roles.standing(actor, holder=organisation, public=True)


def _standing_of(actor: Actor, obj: Any) -> Standing:
    if isinstance(obj, LotInspectionRequest):
        return lot_standing(actor, obj)
    if isinstance(obj, Organisation):
        return requester_standing(actor, obj)
    return roles.standing(actor, public=obj is None)


register_permissions([*LIFECYCLE.acts, *OTHER_ACTS], _standing_of)
