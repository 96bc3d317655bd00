"""Domain objects turned into the API's declared schemas."""

from datetime import date, timedelta

from qualimark import clock
from qualimark.api import schemas
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.certification.timeline import Segment
from qualimark.datasheets.models import Datasheet, DatasheetState
from qualimark.links import verification_url
from qualimark.lots.models import InspectionDocumentKind, LotConformityDocument, QuantityUnit
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.schemes.models import (
    DocumentKind,
    DocumentVersion,
    Kind,
    Programme,
    Scheme,
    Subject,
)
from qualimark.verification import Verdict


def last_day(end_exclusive: date | None) -> date | None:
    """The last day of a period whose end is stored as the first day after it."""
    return end_exclusive - timedelta(days=1) if end_exclusive is not None else None


# The references below are built without validation (`model_construct`): every value
# comes from the registry's own typed records, and a delivery list or a search page
# presents hundreds of them in one answer.


def scheme_ref(scheme: Scheme) -> schemas.SchemeRef:
    return schemas.SchemeRef.model_construct(code=scheme.code, name=scheme.name)


def subject_ref(subject: Subject) -> schemas.SubjectRef:
    return schemas.SubjectRef.model_construct(
        code=subject.code, kind=Kind(subject.kind), name=subject.name
    )


def holder_ref(holder: Organisation) -> schemas.HolderRef:
    return schemas.HolderRef.model_construct(
        name=holder.name, enterprise_number=holder.enterprise_number_display or None
    )


def lot(document: LotConformityDocument) -> schemas.LotOut:
    request = document.request
    return schemas.LotOut(
        code=document.code,
        product=document.product,
        quantity=float(document.quantity),
        unit=QuantityUnit(document.unit),
        lot_identification=document.lot_identification,
        issued_on=document.issued_on,
        inspection_document=schemas.LotInspectionDocumentOut(
            kind=InspectionDocumentKind(request.document_kind),
            reference=request.document_reference,
            version=request.document_version.label if request.document_version else None,
        )
        if request.document_kind
        else None,
    )


def _public_code(answer: Verdict) -> str | None:
    if answer.datasheet:
        return answer.datasheet.quick_code
    if answer.lot:
        return answer.lot.code
    return answer.certificate.number if answer.certificate else None


def verdict(answer: Verdict) -> schemas.VerdictOut:
    """The verdict as the API states it, built without validation like its references."""
    certificate, datasheet = answer.certificate, answer.datasheet
    public_code = _public_code(answer)
    # A lot carries the mark it was inspected for (and the product type, if named).
    scheme = certificate.programme.scheme if certificate else None
    subject = certificate.programme.subject if certificate else None
    if answer.lot is not None:
        scheme, subject = answer.lot.request.scheme, answer.lot.request.subject
    return schemas.VerdictOut.model_construct(
        code=answer.query,
        on=answer.on,
        answered_at=answer.answered_at,
        outcome=answer.outcome,
        valid=answer.valid,
        message=answer.message,
        status=answer.status,
        first_day=answer.since,
        last_day=last_day(answer.until),
        certificate_number=certificate.number if certificate else None,
        quick_code=datasheet.quick_code if datasheet else None,
        product_name=datasheet.product_name if datasheet else None,
        holder=holder_ref(certificate.holder) if certificate else None,
        scheme=scheme_ref(scheme) if scheme else None,
        subject=subject_ref(subject) if subject else None,
        superseded_by=answer.superseded_by.quick_code if answer.superseded_by else None,
        lot=lot(answer.lot) if answer.lot else None,
        suggestions=list(answer.suggestions),
        verification_url=verification_url(public_code) if public_code else None,
    )


def unit_line(unit: ProductionUnit | None) -> str | None:
    return f"{unit.name}, {unit.town}" if unit else None


def production_unit(unit: ProductionUnit) -> schemas.ProductionUnitOut:
    return schemas.ProductionUnitOut(
        name=unit.name,
        street=unit.street,
        postal_code=unit.postal_code,
        town=unit.town,
        country=unit.country,
    )


def certificate_summary(
    certificate: Certificate, on: date | None = None
) -> schemas.CertificateSummary:
    return schemas.CertificateSummary(
        number=certificate.number,
        scheme=scheme_ref(certificate.programme.scheme),
        subject=subject_ref(certificate.programme.subject),
        holder=holder_ref(certificate.holder),
        production_unit=unit_line(certificate.production_unit),
        status=certificate.status_on(on or clock.today()),
        verification_url=verification_url(certificate.number),
    )


def period(segment: Segment[Status]) -> schemas.Period:
    return schemas.Period(
        status=segment.status, first_day=segment.start, last_day=last_day(segment.end)
    )


def document_in_force(version: DocumentVersion) -> schemas.DocumentInForce:
    return schemas.DocumentInForce(
        kind=DocumentKind(version.document.kind),
        number=version.document.number,
        title=version.document.title,
        version=version.label,
        first_day=version.valid_from,
        last_day=version.valid_until,
    )


def datasheet_summary(datasheet: Datasheet, today: date) -> schemas.DatasheetSummary:
    return schemas.DatasheetSummary(
        quick_code=datasheet.quick_code,
        product_name=datasheet.product_name,
        status=datasheet.state_on(today).status,
        verification_url=verification_url(datasheet.quick_code),
    )


def certificate(certificate: Certificate, datasheets: list[Datasheet]) -> schemas.CertificateOut:
    today = clock.today()
    status = certificate.status_on(today)
    unit = certificate.production_unit
    return schemas.CertificateOut(
        number=certificate.number,
        scheme=scheme_ref(certificate.programme.scheme),
        subject=subject_ref(certificate.programme.subject),
        holder=holder_ref(certificate.holder),
        production_unit=production_unit(unit) if unit else None,
        applied_on=certificate.applied_on,
        expires_on=certificate.expires_on,
        status=status,
        valid=status == Status.CERTIFIED,
        timeline=[period(segment) for segment in certificate.timeline],
        documents=[document_in_force(v) for v in certificate.programme.versions_on(today)],
        datasheets=[datasheet_summary(sheet, today) for sheet in datasheets],
        verification_url=verification_url(certificate.number),
    )


def datasheet_period(
    segment: Segment[DatasheetState], numbers: dict[int, int], codes: dict[int, str]
) -> schemas.DatasheetPeriod:
    state = segment.status
    return schemas.DatasheetPeriod(
        status=state.status,
        first_day=segment.start,
        last_day=last_day(segment.end),
        version=numbers.get(state.version_id) if state.version_id else None,
        superseded_by=codes.get(state.superseded_by_id) if state.superseded_by_id else None,
    )


def programme(item: Programme, today: date) -> schemas.ProgrammeOut:
    return schemas.ProgrammeOut(
        scheme=scheme_ref(item.scheme),
        documents=[document_in_force(v) for v in item.versions_on(today)],
    )
