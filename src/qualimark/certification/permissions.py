"""Who stands where towards a certification file: the object rule of the role table.

A file is seen by its holder's users, by the body's staff and by the inspectors of its
inspections; whoever inspected or evaluated it (an `Involvement`) and whoever is tied to its
holder or acts for it takes none of the body's decisions on it.
"""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.accounts.models import User
from qualimark.certification.lifecycle import APPLY, LIFECYCLE
from qualimark.certification.models import Certificate, Involvement
from qualimark.parties import roles
from qualimark.parties.roles import (
    READERS,
    Actor,
    Capacity,
    Standing,
    act,
    register_permissions,
)

VIEW_FILE = act(
    "certification.view_file",
    _("see the file"),
    {Capacity.HOLDER_USER, Capacity.INSPECTOR, Capacity.SYSTEM, *READERS},
)


READ_REGISTER = act("certification.read_register", _("read the register of decisions"), READERS)
ASSIGN = act(
    "certification.assign_file",
    _("assign the file to a file manager"),
    {Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR},
)


def file_standing(actor: Actor, certificate: Certificate) -> Standing:
    """What `actor` is towards `certificate`: holder user, assigned inspector, involved, tied."""
    pk = actor.pk if isinstance(actor, User) and actor.is_authenticated else None
    assigned = pk is not None and certificate.inspections.filter(inspector_id=pk).exists()
    involvement = (
        Involvement.objects.filter(certificate=certificate, person_id=pk).first()
        if pk is not None
        else None
    )
    return roles.standing(
        actor,
        holder=certificate.holder_id,
        assigned=assigned,
        involvement=involvement.get_role_display() if involvement else "",
        subject=gettext("file %(number)s") % {"number": certificate.number},
    )


def check_impartial(certificate: Certificate, actor: Actor) -> None:
    """Refuse the body's evaluation or decision on the file to the involved and the tied."""
    conflict = file_standing(actor, certificate).conflict
    if conflict is not None:
        raise conflict


def _standing_of(actor: Actor, obj: Any) -> Standing:
    if isinstance(obj, Certificate):
        return file_standing(actor, obj)
    holder = getattr(obj, "pk", None) if obj is not None else None
    return roles.standing(actor, holder=holder)


register_permissions([VIEW_FILE, READ_REGISTER, ASSIGN, APPLY, *LIFECYCLE.acts], _standing_of)
