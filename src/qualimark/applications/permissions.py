"""Who stands where towards an online application: the object rule of the role table.

An application is seen by the users of its holder and by the certification body's staff;
an organisation is the object of starting one. Each act is also a permission of `rules`,
so that pages ask the rule the services apply.
"""

from typing import Any

from rules.permissions import set_perm

from qualimark.applications.lifecycle import EDIT, LIFECYCLE, START, VIEW, Transition
from qualimark.applications.models import Application
from qualimark.parties import roles
from qualimark.parties.models import Organisation
from qualimark.parties.roles import Actor, Standing, register_permissions


def application_standing(actor: Actor, application: Application) -> Standing:
    """What `actor` is towards `application`: a user of its holder, staff, or nobody."""
    # The holder itself when it is at hand: the standing names it in refusals.
    cached = Application.organisation.is_cached(application)
    holder = application.organisation if cached else application.organisation_id
    return roles.standing(actor, holder=holder)


def _standing_of(actor: Actor, obj: Any) -> Standing:
    if isinstance(obj, Application):
        return application_standing(actor, obj)
    return roles.standing(actor, holder=obj if isinstance(obj, Organisation) else None)


def may_edit(actor: Actor, application: Any) -> bool:
    """The actor may change `application` now: their role allows it and it is still a draft."""
    if not isinstance(application, Application):
        return False
    standing = application_standing(actor, application)
    return Transition.EDIT in LIFECYCLE.open_to(application.status, standing)


register_permissions([START, VIEW], _standing_of)
# "May I change this application?" is asked of the page about one application: the answer
# is the services' own, which refuse a draft no longer (see `may_edit`).
set_perm(EDIT.name, may_edit)  # type: ignore[no-untyped-call]
