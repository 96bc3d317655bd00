"""Who stands where towards a complaint or an appeal: the object rules of the role table.

The complaint register is the body's own: its staff see it, nobody else (a complainant may
ask that the holder not learn who complained). An appeal is seen as its file is: by the
holder's users and the body's staff. Whoever evaluated the file concerned, or is tied to its
holder or acts for it, takes none of the body's impartial steps on either.
"""

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.certification.models import Certificate
from qualimark.certification.permissions import file_standing
from qualimark.complaints.lifecycle import APPEAL, COMPLAINT, LODGE, REGISTER, WRITE
from qualimark.complaints.models import Appeal, Complaint
from qualimark.parties import roles
from qualimark.parties.models import Organisation
from qualimark.parties.roles import READERS, Actor, Standing, act, register_permissions

# The registers of complaints and of appeals are read by the body's people, its auditor too.
READ_REGISTERS = act(
    "complaints.read_registers", _("read the registers of complaints and appeals"), READERS
)


def sees_complaints(actor: Actor) -> bool:
    """The body's staff (and the system) see the complaint register; nobody else does."""
    return roles.is_cb_staff(actor) or roles.is_system(actor)


def register_standing(actor: Actor) -> Standing:
    """What `actor` is towards the complaint register, before a complaint is in it."""
    return replace(roles.standing(actor), visible=sees_complaints(actor))


def complaint_standing(actor: Actor, complaint: Complaint) -> Standing:
    """What `actor` is towards `complaint`: staff or not, involved in its file, tied."""
    if complaint.certificate_id is not None:
        assert complaint.certificate is not None
        base = file_standing(actor, complaint.certificate)
    else:
        base = roles.standing(
            actor,
            holder=complaint.organisation_id,
            subject=gettext("complaint %(reference)s") % {"reference": complaint.reference},
        )
    return replace(base, visible=sees_complaints(actor))


def appealed_certificate(appeal: Appeal) -> Certificate:
    """The file whose decision or sanction is appealed."""
    appealed = appeal.decision or appeal.sanction
    assert appealed is not None  # the database constraint: exactly one of the two
    return appealed.certificate


def appeal_standing(actor: Actor, appeal: Appeal) -> Standing:
    """What `actor` is towards `appeal`: as towards the file whose decision is appealed."""
    return file_standing(actor, appealed_certificate(appeal))


def _standing_of(actor: Actor, obj: Any) -> Standing:
    if isinstance(obj, Complaint):
        return complaint_standing(actor, obj)
    if isinstance(obj, Appeal):
        return appeal_standing(actor, obj)
    if isinstance(obj, Certificate):
        return file_standing(actor, obj)
    if isinstance(obj, Organisation):
        return roles.standing(actor, holder=obj)
    return register_standing(actor)


register_permissions(
    [READ_REGISTERS, REGISTER, WRITE, LODGE, *COMPLAINT.acts, *APPEAL.acts], _standing_of
)
