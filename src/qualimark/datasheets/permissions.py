"""Who stands where towards a datasheet or a proposal: the object rule of the role table.

Both belong to a certification file and are seen by whoever sees the file: the users of its
holder, the body's staff and the inspectors of its inspections. Being tied to the holder, or
acting for it, bars the body's publications (the impartial acts).
"""

from typing import Any

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets.lifecycle import DATASHEET, PREPARE, PROPOSAL, PROPOSE
from qualimark.datasheets.models import Datasheet, DatasheetProposal, DatasheetVersion
from qualimark.parties import roles
from qualimark.parties.roles import Actor, Standing, register_permissions


def file_standing(actor: Actor, certificate: Certificate) -> Standing:
    """What `actor` is towards the file a datasheet or a proposal belongs to."""
    # Only an inspector can be the assigned one: nobody else costs a query.
    assigned = (
        isinstance(actor, User)
        and roles.is_inspector(actor)
        and certificate.inspections.filter(inspector_id=actor.pk).exists()
    )
    # The holder itself when it is at hand: the standing names it in refusals.
    holder = (
        certificate.holder if Certificate.holder.is_cached(certificate) else certificate.holder_id
    )
    return roles.standing(actor, holder=holder, assigned=assigned)


def standing_of(actor: Actor, obj: Any) -> Standing:
    """The standing towards a file, a datasheet, one of its versions or a proposal."""
    if isinstance(obj, Certificate):
        return file_standing(actor, obj)
    if isinstance(obj, Datasheet | DatasheetProposal):
        return file_standing(actor, obj.certificate)
    if isinstance(obj, DatasheetVersion):
        return file_standing(actor, obj.datasheet.certificate)
    return roles.standing(actor)


register_permissions([PREPARE, PROPOSE, *DATASHEET.acts, *PROPOSAL.acts], standing_of)
