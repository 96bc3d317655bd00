"""The two doors of the signed-in site, as permissions of the `rules` package.

"portal.use" lets a holder's users into the portal, "office.use" the body's staff and the
inspectors into the back-office. What anyone may *do* there is for the services to say:
each act is a permission of its own app (`<app>/permissions.py`), read from the role
table in `parties.roles`.
"""

from typing import Any

from rules.permissions import set_perm

from qualimark.accounts.models import User
from qualimark.parties import roles


def use_portal(user: Any, obj: Any = None) -> bool:
    return isinstance(user, User) and user.is_active and roles.is_holder_user(user)


def use_office(user: Any, obj: Any = None) -> bool:
    return roles.is_cb_staff(user) or roles.is_inspector(user)


set_perm("portal.use", use_portal)  # type: ignore[no-untyped-call]
set_perm("office.use", use_office)  # type: ignore[no-untyped-call]
