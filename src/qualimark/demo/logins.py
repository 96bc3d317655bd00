"""One login per role for a visitor of the demo, all with one password made for the run.

The accounts are those the demo's people act with: the administrator, the certification
body's staff (`demo.marks`), the inspector with a visit to make and a report to write, and
the holder's administrator and invited user (`demo.portal`). They are found again in the
database on every run, so that a second run prints the same logins with a new password.
"""

import secrets
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from qualimark.accounts.models import User
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Role, RoleKind

ADMIN_EMAIL = "admin@qualimark.demo"
STAFF = (
    (_("file manager"), "files@qualimark.demo"),
    (_("decision maker"), "decisions@qualimark.demo"),
    (_("reviewer"), "reviews@qualimark.demo"),
    (_("auditor"), "audit@qualimark.demo"),
)
# Letters and digits that cannot be mistaken for one another when read off a screen.
ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class Side(StrEnum):
    """Where a login lands: the holder portal or the back-office."""

    PORTAL = "portal"
    OFFICE = "office"


@dataclass(frozen=True)
class Login:
    role: Promise | str
    user: User
    side: Side


def demo_password() -> str:
    """A new password for this run, in three groups of four, that Django's validators accept."""
    while True:
        password = "-".join(
            "".join(secrets.choice(ALPHABET) for _letter in range(4)) for _group in range(3)
        )
        try:
            validate_password(password)
        except ValidationError:  # pragma: no cover - a 12-character random word passes
            continue
        return password


def demo_logins() -> list[Login]:
    """The demo's logins that exist in the database, the administrator first."""
    logins = []
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    if admin is not None:
        logins.append(Login(_("administrator"), admin, Side.OFFICE))
    for role, email in STAFF:
        user = User.objects.filter(email=email).first()
        if user is not None:
            logins.append(Login(role, user, Side.OFFICE))
    inspector = _inspector()
    if inspector is not None:
        logins.append(Login(_("inspector"), inspector, Side.OFFICE))
    logins += _holder_users()
    return logins


def _inspector() -> User | None:
    """The inspector with both a visit to make and a report to write (`demo.portal`)."""
    planned = Inspection.objects.filter(status=InspectionStatus.PLANNED).values("inspector_id")
    visited = Inspection.objects.filter(status=InspectionStatus.CARRIED_OUT).values("inspector_id")
    return User.objects.filter(pk__in=planned).filter(pk__in=visited).order_by("id").first()


def _holder_users() -> list[Login]:
    """The first holder administrator of the demo, and an invited user of the same holder."""
    # The holder of the portal's demo: its administrator has invited a user (other holders'
    # contacts administer their own portal account only to answer a report).
    administrator = (
        Role.objects.filter(kind=RoleKind.HOLDER_ADMINISTRATOR, person__user__isnull=False)
        .filter(organisation__roles__kind=RoleKind.INVITED_USER)
        .select_related("person__user")
        .order_by("id")
        .first()
    )
    if administrator is None or administrator.person.user is None:
        return []
    logins = [Login(_("holder administrator"), administrator.person.user, Side.PORTAL)]
    invited = (
        Role.objects.filter(
            kind=RoleKind.INVITED_USER,
            organisation=administrator.organisation_id,
            person__user__isnull=False,
        )
        .select_related("person__user")
        .order_by("id")
        .first()
    )
    if invited is not None and invited.person.user is not None:
        logins.append(Login(_("invited user"), invited.person.user, Side.PORTAL))
    return logins


@transaction.atomic
def give_password(logins: list[Login], password: str) -> None:
    """Open every demo login with `password` (the staff and inspectors had none)."""
    for login in logins:
        login.user.set_password(password)
        login.user.is_active = True
        login.user.save(update_fields=["password", "is_active"])
