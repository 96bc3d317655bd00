"""Domain objects turned into the API's declared schemas."""

from datetime import date, timedelta
from typing import Any

from django.utils.translation import get_language

from qualimark import clock
from qualimark.api import schemas
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.certification.timeline import Segment
from qualimark.datasheets.models import Datasheet, DatasheetState
from qualimark.links import verification_url
from qualimark.parties.enterprise import format_enterprise_number
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.schemes.models import (
    DocumentKind,
    DocumentVersion,
    Kind,
    Programme,
    Scheme,
    Subject,
)
from qualimark.verification.reading import AsOf
from qualimark.verification.verify import Verdict


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


def verdict(answer: Verdict, language: str | None = None) -> dict[str, Any]:
    """The verdict as the API states it (`schemas.VerdictOut`), as plain JSON values, in
    `language` (the active one; a delivery list asks for it once).

    The hot path of the registry: no schema object is built; the OpenAPI description
    declares the same fields, and the tests hold the two together.
    """
    language = language or get_language()
    scheme, subject, holder = answer.scheme, answer.subject, answer.holder
    enterprise = answer.enterprise_number
    public_code = answer.public_code
    return {
        "code": answer.query,
        "on": answer.on.isoformat(),
        "as_of": as_of_text(answer.as_of),
        "answered_at": answer.answered_at.isoformat() if answer.answered_at else None,
        "sequence": answer.sequence,
        "outcome": answer.outcome.value,
        "valid": answer.valid,
        "message": answer.message_in(language),
        "status": answer.status.value if answer.status else None,
        "first_day": _iso(answer.since),
        "last_day": _iso(last_day(answer.until)),
        "certificate_number": answer.certificate_number,
        "quick_code": answer.quick_code,
        "product_name": answer.product_name,
        "holder": {
            "name": holder,
            "enterprise_number": format_enterprise_number(enterprise) if enterprise else None,
        }
        if holder is not None
        else None,
        "scheme": {"code": scheme[0], "name": scheme[1]} if scheme else None,
        "subject": {
            "code": subject[0],
            "kind": subject[1],
            "name": answer.subject_name_in(language),
        }
        if subject
        else None,
        "superseded_by": answer.superseded_by[0] if answer.superseded_by else None,
        "lot": _lot(answer) if answer.lot_code else None,
        "suggestions": answer.suggestions,
        "verification_url": verification_url(public_code) if public_code else None,
    }


def as_of_text(as_of: AsOf) -> str | None:
    """`as_of` as it was asked: a sequence number, or a moment in ISO 8601."""
    if as_of is None:
        return None
    return str(as_of) if isinstance(as_of, int) else as_of.isoformat()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _lot(answer: Verdict) -> dict[str, Any]:
    names = answer.names
    document = names["document"]
    return {
        "code": names["lot"],
        "product": names["product"],
        "quantity": float(names["quantity"]),
        "unit": names["unit"],
        "lot_identification": names["identification"],
        "issued_on": names["issued_on"],
        "inspection_document": {
            "kind": document[0],
            "reference": document[1],
            "version": document[2],
        }
        if document
        else None,
    }


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
