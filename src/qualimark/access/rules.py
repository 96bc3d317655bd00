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
from qualimark.applications.models import ApplicationStatus
from qualimark.certification.models import Certificate, Involvement
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import Inspection
from qualimark.parties import roles
from qualimark.parties.models import Organisation, RoleKind

# A holder sees an inspection only once its report is sent: visits are unannounced.
SENT_TO_HOLDER = frozenset(
    {InspectionStatus.REPORT_SENT, InspectionStatus.WINDOW_CLOSED, InspectionStatus.EVALUATED}
)


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


def edit_application(user: Any, application: Any) -> bool:
    is_draft = getattr(application, "status", None) == ApplicationStatus.DRAFT
    return is_draft and is_member_of_holder(user, application)


def view_application(user: Any, application: Any) -> bool:
    return is_member_of_holder(user, application) or roles.is_cb_staff(user)


def view_inspection(user: Any, inspection: Any) -> bool:
    if roles.is_cb_staff(user) or is_assigned_inspector(user, inspection):
        return True
    # Visits are unannounced: the holder sees an inspection once its report is sent.
    reported = isinstance(inspection, Inspection) and inspection.status in SENT_TO_HOLDER
    return reported and is_member_of_holder(user, inspection)


def record_inspection(user: Any, inspection: Any) -> bool:
    return is_assigned_inspector(user, inspection) or _file_manager_or_admin(user)


def plan_inspection(user: Any, obj: Any = None) -> bool:
    return _file_manager_or_admin(user)


def comment_report(user: Any, inspection: Any) -> bool:
    open_for_comments = (
        isinstance(inspection, Inspection) and inspection.status == InspectionStatus.REPORT_SENT
    )
    return open_for_comments and is_member_of_holder(user, inspection)


def evaluate_report(user: Any, inspection: Any) -> bool:
    evaluates = roles.has_staff_role(user, RoleKind.REVIEWER, RoleKind.FILE_MANAGER)
    return (evaluates or roles.is_superuser(user)) and not is_assigned_inspector(user, inspection)


def review_proposal(user: Any, proposal: Any = None) -> bool:
    return _file_manager_or_admin(user)


PERMISSIONS: dict[str, Callable[[Any, Any], bool]] = {
    "portal.use": use_portal,
    "office.use": use_office,
    "applications.edit_application": edit_application,
    "applications.view_application": view_application,
    "oversight.view_inspection": view_inspection,
    "oversight.record_inspection": record_inspection,
    "oversight.plan_inspection": plan_inspection,
    "oversight.comment_report": comment_report,
    "oversight.evaluate_report": evaluate_report,
    "datasheets.propose": is_member_of_holder,
    "datasheets.review_proposal": review_proposal,
    "parties.manage_users": is_holder_admin,
}

for _name, _check in PERMISSIONS.items():
    set_perm(_name, _check)  # type: ignore[no-untyped-call]
