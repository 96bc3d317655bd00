"""The services of lot inspections: request, plan, issue the conformity document, refuse, cancel.

One function per change of status, the actor keyword-only. Each runs in one transaction,
locks the request, passes the lifecycle's gate (who may take the step, then the status),
writes what it changes and the journal entry together, and queues the e-mail to the
requester for after the commit. Pages, the API and commands all call these and
ask nothing first; nothing else writes a status.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.services import next_number
from qualimark.errors import DomainError
from qualimark.feed import services as feed
from qualimark.journal.services import record
from qualimark.lots import codes, notices
from qualimark.lots.lifecycle import (
    CANCEL,
    ISSUE,
    LIFECYCLE,
    PLAN,
    REQUEST,
    REQUEST_FOR,
    LotStatus,
    LotTransition,
)
from qualimark.lots.models import (
    ContactRole,
    FailedCharacteristic,
    InspectionDocumentKind,
    LotConformityDocument,
    LotContact,
    LotInspectionRequest,
    LotRefusal,
    QuantityUnit,
)
from qualimark.lots.permissions import lot_standing, requester_standing
from qualimark.parties.models import Organisation
from qualimark.parties.roles import Actor, performs
from qualimark.schemes.models import DocumentVersion, Kind, Scheme, Subject

CODE_ATTEMPTS = 20
# What the quantity column holds: 9 digits before the decimal point, 3 after.
QUANTITY_DECIMALS = 3
QUANTITY_MAX = Decimal("999999999.999")


class InvalidLotRequest(DomainError):
    code = "invalid_lot_request"


class InvalidLotInspection(DomainError):
    code = "invalid_lot_inspection"


@dataclass(frozen=True)
class ContactDetails:
    role: ContactRole
    name: str
    company: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class InspectionDocument:
    """What the lot is inspected against: a standard, a PTV, a special specification…"""

    kind: InspectionDocumentKind
    reference: str = ""
    version: DocumentVersion | None = None


@dataclass(frozen=True)
class FailedCheck:
    characteristic: str
    requirement: str
    measured_value: str


# -- the request ---------------------------------------------------------------------------


@performs(REQUEST, REQUEST_FOR)
@transaction.atomic
def request_lot_inspection(
    *,
    by: User | None,
    scheme: Scheme,
    product: str,
    quantity: Decimal,
    unit: QuantityUnit | str,
    town: str,
    street: str = "",
    postal_code: str = "",
    requester_organisation: Organisation | None = None,
    requester_name: str = "",
    requester_email: str = "",
    subject: Subject | None = None,
    contacts: Sequence[ContactDetails] = (),
    requested_on: date | None = None,
) -> LotInspectionRequest:
    """Open a request for the inspection of one lot, numbered P-<year>-<serial>.

    `by` is the staff member who enters a request received otherwise, or a user of the
    requesting organisation; None for the public web form. The requester is an
    organisation (named by its users or the body's staff only), or a person with an e-mail
    address.
    """
    standing = requester_standing(by, requester_organisation)
    REQUEST.check(standing)
    if requester_organisation is not None:
        REQUEST_FOR.check(standing)
    requested_on = requested_on or clock.today()
    _check_requested_on(requested_on)
    _check_mark(scheme, subject)
    _check_requester(requester_organisation, requester_name, requester_email)
    lot_request = LotInspectionRequest(
        requested_on=requested_on,
        requested_by=by,
        requester_organisation=requester_organisation,
        requester_name=requester_name.strip(),
        requester_email=requester_email.strip(),
        scheme=scheme,
        subject=subject,
        product=_required(product, _("Describe the product of the lot.")),
        quantity=clean_quantity(quantity),
        unit=_unit(unit),
        street=street.strip(),
        postal_code=postal_code.strip(),
        town=_required(town, _("Say in which town the lot can be inspected.")),
        created_at=clock.now(),
    )
    rows = [_contact(details) for details in contacts]
    _full_clean(lot_request, exclude=["reference"])
    lot_request.reference = _next_reference(requested_on)
    lot_request.save()
    for row in rows:
        row.request = lot_request
    LotContact.objects.bulk_create(rows)
    record(
        "lot.requested",
        lot_request,
        actor=by,
        data={
            "scheme": scheme.code,
            "product": lot_request.product,
            "quantity": lot_request.quantity,
            "unit": lot_request.unit,
            "requested_on": requested_on,
            "contacts": len(rows),
        },
    )
    notices.acknowledge_request(lot_request)
    return lot_request


def _next_reference(requested_on: date) -> str:
    year = requested_on.year
    return f"P-{year}-{next_number(f'lot-requests-{year}'):04d}"


def _required(value: str, message: str) -> str:
    if not value.strip():
        raise InvalidLotRequest(message)
    return value.strip()


def _check_requested_on(requested_on: date) -> None:
    if requested_on > clock.today():
        raise InvalidLotRequest(_("A request cannot be dated in the future."))


def _check_mark(scheme: Scheme, subject: Subject | None) -> None:
    # A lot is a quantity of a product: an execution mark has nothing to stamp on it.
    if scheme.kind != Kind.PRODUCT:
        raise InvalidLotRequest(
            _("%(mark)s certifies executions; a lot inspection is for a product mark.")
            % {"mark": scheme.name}
        )
    if subject is not None and subject.kind != Kind.PRODUCT:
        raise InvalidLotRequest(
            _("%(subject)s is an execution type; a lot inspection is for a product.")
            % {"subject": subject.name}
        )


def _check_requester(organisation: Organisation | None, name: str, email: str) -> None:
    if organisation is None and not (name.strip() and email.strip()):
        raise InvalidLotRequest(
            _("Say who asks for the inspection: an organisation, or a name and an e-mail address.")
        )
    if email.strip():
        _check_email(email.strip())


def _check_email(email: str) -> None:
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidLotRequest(
            _("%(email)s is not an e-mail address.") % {"email": email}
        ) from None


def clean_quantity(quantity: Decimal | int | str) -> Decimal:
    """The quantity as stored (up to 3 decimals), or InvalidLotRequest."""
    try:
        value = Decimal(str(quantity).strip())
    except InvalidOperation:
        raise InvalidLotRequest(_("The quantity must be a number.")) from None
    if not value.is_finite() or value <= 0:
        raise InvalidLotRequest(_("The quantity must be a number above zero."))
    if value > QUANTITY_MAX:
        raise InvalidLotRequest(_("This quantity is too large for one lot."))
    if value != value.quantize(Decimal(1).scaleb(-QUANTITY_DECIMALS)):
        raise InvalidLotRequest(_("The quantity can have at most three decimals."))
    return value


def _unit(unit: QuantityUnit | str) -> QuantityUnit:
    if unit not in QuantityUnit.values:
        raise InvalidLotRequest(_("%(unit)s is not a unit of quantity.") % {"unit": unit})
    return QuantityUnit(unit)


def _contact(details: ContactDetails) -> LotContact:
    if details.role not in ContactRole.values:
        raise InvalidLotRequest(_("%(role)s is not a role of a contact.") % {"role": details.role})
    name = _required(details.name, _("Every contact needs a name."))
    if details.email.strip():
        _check_email(details.email.strip())
    contact = LotContact(
        role=ContactRole(details.role),
        name=name,
        company=details.company.strip(),
        phone=details.phone.strip(),
        email=details.email.strip(),
    )
    _full_clean(contact, exclude=["request"])
    return contact


def _full_clean(
    obj: models.Model, *, exclude: list[str], error: type[DomainError] = InvalidLotRequest
) -> None:
    """The model's own checks (lengths, choices), as one message that names each field."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as invalid:
        problems = [
            f"{capfirst(getattr(obj._meta.get_field(name), 'verbose_name', name))}: "
            + " ".join(messages)
            for name, messages in invalid.message_dict.items()
            if name != "__all__"
        ]
        raise error("; ".join(problems) or " ".join(invalid.messages)) from None


# -- planning and outcome ------------------------------------------------------------------


def _locked(lot_request: LotInspectionRequest) -> LotInspectionRequest:
    return LotInspectionRequest.objects.select_for_update().get(pk=lot_request.pk)


def _gate(locked: LotInspectionRequest, transition: LotTransition, by: Actor) -> LotStatus:
    """The status after `transition`, once `by` may take it and the status allows it."""
    return LIFECYCLE.gate(transition, locked.status, lot_standing(by, locked))


def _save(
    lot_request: LotInspectionRequest, locked: LotInspectionRequest, fields: Sequence[str]
) -> None:
    """Save `fields` of the locked copy and show them on the caller's instance too."""
    locked.save(update_fields=fields)
    for name in fields:
        setattr(lot_request, name, getattr(locked, name))


@performs(PLAN)
@transaction.atomic
def plan_lot_inspection(
    lot_request: LotInspectionRequest, *, by: User, inspector: User, planned_on: date
) -> LotInspectionRequest:
    """Plan the inspection: who inspects the lot, and on which day (again to re-plan).

    A file manager plans.
    """
    locked = _locked(lot_request)
    status = _gate(locked, LotTransition.PLAN, by)
    if planned_on < locked.requested_on:
        raise InvalidLotInspection(
            _("The inspection cannot be planned before the request (%(day)s).")
            % {"day": locked.requested_on.isoformat()}
        )
    locked.inspector, locked.planned_on, locked.status = inspector, planned_on, status
    _save(lot_request, locked, ["inspector", "planned_on", "status"])
    record(
        "lot.planned",
        locked,
        actor=by,
        data={"inspector": inspector.pk, "planned_on": planned_on},
    )
    return locked


def _record_inspection(
    locked: LotInspectionRequest,
    *,
    document: InspectionDocument | None,
    lot_identification: str,
    inspected_on: date,
) -> list[str]:
    """Set what the inspection found out (its date, lot number and document) on the request.

    Returns the fields set, with the status, for the caller to save.
    """
    if inspected_on > clock.today():
        raise InvalidLotInspection(_("The inspection cannot be recorded before it took place."))
    if inspected_on < locked.requested_on:
        raise InvalidLotInspection(
            _("The lot cannot have been inspected before it was requested (%(day)s).")
            % {"day": locked.requested_on.isoformat()}
        )
    locked.inspected_on = inspected_on
    locked.lot_identification = lot_identification.strip()
    fields = ["inspected_on", "lot_identification", "status"]
    if document is not None:
        locked.document_kind = _document_kind(document)
        locked.document_reference = _document_reference(document)
        locked.document_version = document.version
        fields += ["document_kind", "document_reference", "document_version"]
    # Only the texts typed in are checked: the other fields were checked with the request.
    checked = ("lot_identification", "document_reference")
    others = [field.name for field in locked._meta.concrete_fields if field.name not in checked]
    _full_clean(locked, exclude=others, error=InvalidLotInspection)
    return fields


def _document_kind(document: InspectionDocument) -> InspectionDocumentKind:
    if document.kind not in InspectionDocumentKind.values:
        raise InvalidLotInspection(
            _("%(kind)s is not a kind of inspection document.") % {"kind": document.kind}
        )
    return InspectionDocumentKind(document.kind)


def _document_reference(document: InspectionDocument) -> str:
    reference = document.reference.strip() or (
        str(document.version.document) if document.version is not None else ""
    )
    if not reference:
        raise InvalidLotInspection(_("Name the document the lot was inspected against."))
    return reference


@performs(ISSUE)
@transaction.atomic
def record_lot_conformity(
    lot_request: LotInspectionRequest,
    *,
    by: User,
    document: InspectionDocument,
    lot_identification: str,
    inspected_on: date,
) -> LotConformityDocument:
    """The lot conforms: issue its conformity document, with a public lot code, today.

    The document names product, quantity and lot; it is valid from its date of issue.
    A file manager or decision maker issues it, never the inspector of the lot.
    """
    locked = _locked(lot_request)
    locked.status = _gate(locked, LotTransition.CONFIRM, by)
    if not lot_identification.strip():
        raise InvalidLotInspection(
            _("A conforming lot is stamped with its lot number: give the lot identification.")
        )
    fields = _record_inspection(
        locked, document=document, lot_identification=lot_identification, inspected_on=inspected_on
    )
    _save(lot_request, locked, fields)
    conformity = _issue_document(locked, by=by)
    record(
        "lot.conformity_issued",
        locked,
        actor=by,
        data={
            "code": conformity.code,
            "lot_identification": conformity.lot_identification,
            "inspected_on": inspected_on,
            "document": locked.inspection_document,
        },
    )
    feed.append(
        "lot.document_issued",
        conformity,
        codes=[conformity.code],
        data={"request": locked.reference, "issued_on": conformity.issued_on.isoformat()},
    )
    notices.announce_conformity(conformity)
    return conformity


def _issue_document(locked: LotInspectionRequest, *, by: User) -> LotConformityDocument:
    for _attempt in range(CODE_ATTEMPTS):
        code = codes.new_code()
        if LotConformityDocument.objects.filter(code=code).exists():
            continue
        try:
            with transaction.atomic():
                return LotConformityDocument.objects.create(
                    code=code,
                    request=locked,
                    product=locked.product,
                    quantity=locked.quantity,
                    unit=locked.unit,
                    lot_identification=locked.lot_identification,
                    issued_on=clock.today(),
                    issued_by=by,
                    issued_at=clock.now(),
                )
        except IntegrityError:  # a concurrent issue took the same code between check and insert
            continue
    raise InvalidLotInspection(_("No free lot code was found; please try again."))


@performs(ISSUE)
@transaction.atomic
def refuse_lot(
    lot_request: LotInspectionRequest,
    *,
    by: User,
    failed: Sequence[FailedCheck],
    inspected_on: date,
    document: InspectionDocument | None = None,
    lot_identification: str = "",
) -> LotRefusal:
    """The lot fails: issue the refusal that lists the failed characteristics, today.

    A refusal has no public code: nothing about the lot can be verified. A file manager or
    decision maker issues it, never the inspector of the lot.
    """
    locked = _locked(lot_request)
    locked.status = _gate(locked, LotTransition.REFUSE, by)
    rows = _failed_rows(failed)
    fields = _record_inspection(
        locked, document=document, lot_identification=lot_identification, inspected_on=inspected_on
    )
    _save(lot_request, locked, fields)
    refusal = LotRefusal.objects.create(
        request=locked, issued_on=clock.today(), issued_by=by, issued_at=clock.now()
    )
    for row in rows:
        row.refusal = refusal
    FailedCharacteristic.objects.bulk_create(rows)
    record(
        "lot.refused",
        locked,
        actor=by,
        data={
            "inspected_on": inspected_on,
            "failed": [row.characteristic for row in rows],
        },
    )
    notices.announce_refusal(refusal, rows)
    return refusal


def _failed_rows(failed: Sequence[FailedCheck]) -> list[FailedCharacteristic]:
    if not failed:
        raise InvalidLotInspection(_("A refusal lists at least one failed characteristic."))
    rows = []
    for check in failed:
        values = (check.characteristic, check.requirement, check.measured_value)
        if not all(value.strip() for value in values):
            raise InvalidLotInspection(
                _("Each failed characteristic needs its requirement and its measured value.")
            )
        row = FailedCharacteristic(
            characteristic=check.characteristic.strip(),
            requirement=check.requirement.strip(),
            measured_value=check.measured_value.strip(),
        )
        _full_clean(row, exclude=["refusal"], error=InvalidLotInspection)
        rows.append(row)
    return rows


@performs(CANCEL)
@transaction.atomic
def cancel_lot_inspection(
    lot_request: LotInspectionRequest, *, by: User, reason: str
) -> LotInspectionRequest:
    """The requester withdraws, or the lot is no longer there: a file manager closes the
    request."""
    locked = _locked(lot_request)
    status = _gate(locked, LotTransition.CANCEL, by)
    if not reason.strip():
        raise InvalidLotRequest(_("Say why the request is cancelled."))
    locked.status = status
    _save(lot_request, locked, ["status"])
    record("lot.cancelled", locked, actor=by, data={"reason": reason.strip()})
    return locked
