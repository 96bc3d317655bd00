"""The permissions of Qualimark, registered with the `rules` package: one function each.

Ask them with `user.has_perm(name, obj)`. Each answers for one object; lists are filtered by
`qualimark.access.visible` on the same grounds. Superusers are the CB's administrator: they
pass the staff checks, but not the holder ones and not the separation of duties (see
`User.has_perm`). The functions are plain typed Python rather than `rules` predicates combined
with `|` and `&`, which mypy cannot follow.
"""

from collections.abc import Callable
from typing import Any

from rules.permissions import set_perm

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate, Involvement
from qualimark.oversight.models import Inspection
from qualimark.parties import roles
from qualimark.parties.models import Organisation, RoleKind


def _holder_id(obj: Any) -> int | None:
    """The organisation a certificate, inspection, application or organisation belongs to."""
    if isinstance(obj, Organisation):
        return obj.pk
    if isinstance(obj, Certificate):
        return obj.holder_id
    if isinstance(obj, Inspection):
        return obj.certificate.holder_id
    organisation_id = getattr(obj, "organisation_id", None)
    return organisation_id if isinstance(organisation_id, int) else None


def _certificate(obj: Any) -> Certificate | None:
    if isinstance(obj, Certificate):
        return obj
    certificate = getattr(obj, "certificate", None)
    return certificate if isinstance(certificate, Certificate) else None


def _user(user: Any) -> User | None:
    """The user if it is a logged-in, active account."""
    return user if isinstance(user, User) and user.is_authenticated and user.is_active else None


def is_member_of_holder(user: Any, obj: Any) -> bool:
    """Administrator or invited user of the organisation the object belongs to."""
    holder_id = _holder_id(obj)
    return holder_id is not None and roles.is_member_of(user, holder_id)


def is_holder_admin(user: Any, obj: Any) -> bool:
    holder_id = _holder_id(obj)
    return holder_id is not None and roles.is_holder_admin_of(user, holder_id)


def is_assigned_inspector(user: Any, obj: Any) -> bool:
    """The inspector of this inspection, or of an inspection of this certificate."""
    account = _user(user)
    if account is None:
        return False
    if isinstance(obj, Inspection):
        return obj.inspector_id == account.pk
    if isinstance(obj, Certificate):
        return Inspection.objects.filter(certificate=obj, inspector=account).exists()
    return False


def is_involved_in_file(user: Any, obj: Any) -> bool:
    """Inspected or evaluated the file (ISO/IEC 17065 7.6: so may not decide on it)."""
    certificate = _certificate(obj)
    account = _user(user)
    if certificate is None or account is None:
        return False
    return Involvement.objects.filter(certificate=certificate, person=account).exists()


def _file_manager_or_admin(user: Any) -> bool:
    return roles.has_staff_role(user, RoleKind.FILE_MANAGER) or roles.is_superuser(user)


def use_portal(user: Any, obj: Any = None) -> bool:
    return _user(user) is not None and roles.is_holder_user(user)


def use_office(user: Any, obj: Any = None) -> bool:
    return roles.is_cb_staff(user) or roles.is_inspector(user)


def handle_complaints(user: Any, obj: Any = None) -> bool:
    return roles.is_cb_staff(user)


PERMISSIONS: dict[str, Callable[[Any, Any], bool]] = {
    "portal.use": use_portal,
    "office.use": use_office,
    "complaints.handle": handle_complaints,
}

for _name, _check in PERMISSIONS.items():
    set_perm(_name, _check)  # type: ignore[no-untyped-call]
