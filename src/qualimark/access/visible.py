"""What a user may see, one helper per object type: the same for pages, API and downloads.

The `*_for` helpers answer NotVisible both when the object does not exist and when the user may
not see it, so that nobody learns that a file of another holder exists.
"""

from django.db.models import Q, QuerySet

from qualimark.accounts.models import User
from qualimark.applications.models import Application
from qualimark.certification.models import Certificate
from qualimark.complaints.models import Appeal, Complaint
from qualimark.complaints.permissions import sees_complaints
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet
from qualimark.errors import NotVisible
from qualimark.oversight.lifecycle import SENT_TO_HOLDER
from qualimark.oversight.models import Inspection
from qualimark.parties import roles
from qualimark.parties.roles import AnyUser


def _assigned_inspections(user: AnyUser) -> QuerySet[Inspection]:
    if not isinstance(user, User) or not user.is_authenticated:
        return Inspection.objects.none()
    return Inspection.objects.filter(inspector=user)


def _certificate_filter(user: AnyUser) -> Q | None:
    """None when the user sees every file (CB staff)."""
    if roles.is_cb_staff(user):
        return None
    inspected = _assigned_inspections(user).values("certificate_id")
    return Q(holder_id__in=roles.holder_organisation_ids(user)) | Q(pk__in=inspected)


def visible_certificates(user: AnyUser) -> QuerySet[Certificate]:
    """Files of the user's organisations, those it inspects, or all of them for CB staff."""
    condition = _certificate_filter(user)
    certificates = Certificate.objects.all()
    return certificates if condition is None else certificates.filter(condition)


def _code(raw: str) -> str:
    """`raw` as a code to look up; a code no record can have is refused before any query.

    PostgreSQL refuses a NUL in a text parameter with an error instead of finding nothing.
    """
    code = raw.strip()
    if not code or len(code) > 40 or not code.isprintable():
        raise NotVisible
    return code


def certificate_for(user: AnyUser, number: str) -> Certificate:
    certificate = visible_certificates(user).filter(number=_code(number)).first()
    if certificate is None:
        raise NotVisible
    return certificate


def visible_inspections(user: AnyUser) -> QuerySet[Inspection]:
    """All for CB staff; the assigned ones for an inspector; the reported ones for a holder."""
    inspections = Inspection.objects.all()
    if roles.is_cb_staff(user):
        return inspections
    reported = Q(
        certificate__holder_id__in=roles.holder_organisation_ids(user),
        status__in=SENT_TO_HOLDER,
    )
    if isinstance(user, User) and user.is_authenticated:
        return inspections.filter(reported | Q(inspector=user))
    return inspections.none()


def inspection_for(user: AnyUser, reference: str) -> Inspection:
    inspection = visible_inspections(user).filter(reference=_code(reference)).first()
    if inspection is None:
        raise NotVisible
    return inspection


def visible_applications(user: AnyUser) -> QuerySet[Application]:
    """The online applications of the user's organisations, or all of them for CB staff."""
    applications = Application.objects.all()
    if roles.is_cb_staff(user):
        return applications
    return applications.filter(organisation_id__in=roles.holder_organisation_ids(user))


def application_for(user: AnyUser, reference: str) -> Application:
    application = visible_applications(user).filter(reference=_code(reference)).first()
    if application is None:
        raise NotVisible
    return application


def visible_datasheets(user: AnyUser) -> QuerySet[Datasheet]:
    """The datasheets of the files the user sees."""
    condition = _certificate_filter(user)
    datasheets = Datasheet.objects.all()
    if condition is None:
        return datasheets
    return datasheets.filter(certificate__in=Certificate.objects.filter(condition))


def datasheet_for(user: AnyUser, quick_code: str) -> Datasheet:
    """A datasheet by its quick code, as typed (with or without separators)."""
    code = quickcodes.normalise(_code(quick_code))
    datasheet = visible_datasheets(user).filter(quick_code=code).first()
    if datasheet is None:
        raise NotVisible
    return datasheet


def complaint_for(user: AnyUser, reference: str) -> Complaint:
    """A complaint of the register, for the body's staff only (never for the holder)."""
    code = _code(reference)
    complaint = Complaint.objects.filter(reference=code).first() if sees_complaints(user) else None
    if complaint is None:
        raise NotVisible
    return complaint


def visible_appeals(user: AnyUser) -> QuerySet[Appeal]:
    """The appeals against a decision or a sanction on a file the user sees."""
    appeals = Appeal.objects.all()
    condition = _certificate_filter(user)
    if condition is None:
        return appeals
    files = Certificate.objects.filter(condition)
    return appeals.filter(Q(decision__certificate__in=files) | Q(sanction__certificate__in=files))


def appeal_for(user: AnyUser, reference: str) -> Appeal:
    appeal = visible_appeals(user).filter(reference=_code(reference)).first()
    if appeal is None:
        raise NotVisible
    return appeal
