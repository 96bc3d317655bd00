"""The API's declared input and output: every field listed, no database id anywhere.

Periods are given as `first_day` and `last_day`, **both inclusive** (null: open), the
way a person reads "valid from 1 October 2021 until 24 January 2022". The domain keeps
status rows with an exclusive end; `periods.py` turns one into the other.
"""

import re
from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator

from qualimark.certification.lifecycle import Status
from qualimark.datasheets.models import DatasheetStatus
from qualimark.lots.models import InspectionDocumentKind, QuantityUnit
from qualimark.registry.search import ResultKind
from qualimark.schemes.models import DocumentKind, Kind
from qualimark.verification.verify import Outcome

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    # pydantic also reads Unix timestamps as dates (0, "1773619200"); a date on a delivery
    # note is a day written YYYY-MM-DD, and anything else is a bad date.
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


Day = Annotated[date, BeforeValidator(_iso_day)]


class ErrorDetail(Schema):
    code: str = Field(description="Stable machine-readable code, e.g. malformed_code.")
    message: str = Field(description="What went wrong, for people, in the request's language.")
    suggestions: list[str] | None = Field(
        None, description="For mistyped_code: the published quick codes one typing error away."
    )


class ErrorOut(Schema):
    error: ErrorDetail


class SchemeRef(Schema):
    code: str
    name: str


class SubjectRef(Schema):
    code: str
    kind: Kind
    name: str = Field(description="In the request's language, or the nearest one filled in.")


class HolderRef(Schema):
    name: str
    enterprise_number: str | None = Field(
        description="Belgian enterprise number as the KBO writes it (0403.170.701); "
        "null for a foreign holder."
    )


class LotInspectionDocumentOut(Schema):
    kind: InspectionDocumentKind = Field(
        description="A standard, a PTV, a special specification or a written agreement."
    )
    reference: str = Field(description="As the document is cited, e.g. PTV 829.")
    version: str | None = Field(description="The version of a reference document, if named.")


class LotOut(Schema):
    code: str = Field(description="The lot code (L and 8 digits) of the conformity document.")
    product: str
    quantity: float = Field(description="In `unit`.")
    unit: QuantityUnit
    lot_identification: str = Field(description="The lot number stamped on the lot.")
    issued_on: date = Field(description="The date of issue: valid from this day.")
    inspection_document: LotInspectionDocumentOut | None = Field(
        description="What the lot was inspected against."
    )


class VerdictOut(Schema):
    code: str = Field(description="The code exactly as it was asked.")
    on: date = Field(description="The date the question is about.")
    as_of: str | None = Field(
        description="The state of the registry asked for (a sequence number or a moment), "
        "as asked; null: as it stands now."
    )
    answered_at: datetime | None = Field(
        description="The moment the registry answered; null for an answer as of an earlier "
        "state, which is the same whenever it is asked."
    )
    sequence: int | None = Field(
        description="The sequence number of the last change of the code the answer rests on "
        "(null: the code is unknown). Asked again with `as_of` set to it, the answer is the same."
    )
    outcome: Outcome = Field(description="Stable code of the answer; only `valid` is valid.")
    valid: bool
    message: str = Field(description="The answer for people, in the request's language.")
    status: Status | None = Field(description="The certificate's status on the date.")
    first_day: date | None = Field(description="First day of the state the answer describes.")
    last_day: date | None = Field(
        description="Last day (inclusive) of that state as known now; null: open-ended."
    )
    certificate_number: str | None
    quick_code: str | None
    product_name: str | None
    holder: HolderRef | None
    scheme: SchemeRef | None
    subject: SubjectRef | None
    superseded_by: str | None = Field(description="Quick code of the replacing datasheet.")
    lot: LotOut | None = Field(description="For a lot code: the lot conformity document.")
    suggestions: list[str] = Field(
        description="For a mistyped quick code: the published codes one typing error away."
    )
    verification_url: str | None


class BulkVerifyIn(Schema):
    codes: list[str] = Field(
        description="Quick codes, certificate numbers and lot codes, in any order."
    )
    on: Day | None = Field(None, description="The date asked for every code; default today.")
    as_of: int | str | None = Field(
        None,
        description="As the registry stood after a change (its sequence number) or at a "
        "moment (ISO 8601); default: as it stands now.",
    )


class BulkVerifyOut(Schema):
    on: date
    as_of: str | None
    limit: int = Field(description="The most codes one request may ask.")
    count: int
    results: list[VerdictOut] = Field(description="One verdict per code, in the order asked.")


class Period(Schema):
    status: Status
    first_day: date
    last_day: date | None = Field(description="Inclusive; null: open-ended.")


class DatasheetPeriod(Schema):
    status: DatasheetStatus
    first_day: date
    last_day: date | None = Field(description="Inclusive; null: open-ended.")
    version: int | None
    superseded_by: str | None = Field(description="Quick code of the replacing datasheet.")


class DocumentInForce(Schema):
    kind: DocumentKind
    number: str
    title: str
    version: str
    first_day: date
    last_day: date | None = Field(description="Inclusive; null: open-ended.")


class ProductionUnitOut(Schema):
    name: str
    street: str
    postal_code: str
    town: str
    country: str


class CertificateSummary(Schema):
    number: str
    scheme: SchemeRef
    subject: SubjectRef
    holder: HolderRef
    production_unit: str | None = Field(description="Name and town of the production unit.")
    status: Status | None = Field(description="Status today.")
    verification_url: str


class DatasheetSummary(Schema):
    quick_code: str
    product_name: str
    status: DatasheetStatus = Field(description="The datasheet's own status today.")
    verification_url: str


class CertificateOut(Schema):
    number: str
    scheme: SchemeRef
    subject: SubjectRef
    holder: HolderRef
    production_unit: ProductionUnitOut | None
    applied_on: date
    expires_on: date | None = Field(description="First day on which it is no longer valid.")
    status: Status | None = Field(description="Status today.")
    valid: bool = Field(description="Certified today (not suspended, withdrawn, …).")
    timeline: list[Period]
    documents: list[DocumentInForce] = Field(description="Reference documents in force today.")
    datasheets: list[DatasheetSummary] = Field(description="Its published datasheets.")
    verification_url: str


class DatasheetOut(Schema):
    quick_code: str
    product_name: str
    trade_name: str = Field(description="Of the version in force today, or the first published.")
    version: int | None = Field(description="The version in force today.")
    status: DatasheetStatus = Field(description="The datasheet's own status today.")
    outcome: Outcome = Field(description="Today's verification answer (certificate included).")
    valid: bool
    certificate: CertificateSummary
    timeline: list[DatasheetPeriod] = Field(
        description="The datasheet's own statuses; the certificate's are in its timeline."
    )
    verification_url: str


class HolderOut(Schema):
    name: str
    trade_name: str
    enterprise_number: str | None
    country: str
    postal_code: str
    town: str
    production_units: list[ProductionUnitOut]
    certificates: list[CertificateSummary]


class SchemeOut(Schema):
    code: str
    name: str
    owner: str
    kind: Kind
    validity_years: int | None
    description: str


class SchemeDetailOut(SchemeOut):
    subjects: list[SubjectRef]


class SubjectOut(Schema):
    code: str
    kind: Kind
    name: str
    schemes: list[str] = Field(description="Codes of the marks that certify it.")


class ProgrammeOut(Schema):
    scheme: SchemeRef
    documents: list[DocumentInForce] = Field(description="Reference documents in force today.")


class SubjectDetailOut(SubjectOut):
    programmes: list[ProgrammeOut]


class DocumentVersionOut(Schema):
    label: str
    first_day: date
    last_day: date | None = Field(description="Inclusive; null: open-ended.")
    languages: list[str] = Field(description="Languages in which the text is available.")
    inspections_min_per_year: int | None
    inspections_max_per_year: int | None


class DocumentOut(Schema):
    kind: DocumentKind
    number: str
    title: str
    subjects: list[str] = Field(description="Codes of the subjects it applies to.")
    versions: list[DocumentVersionOut] = Field(description="Newest first.")


class DatasheetRef(Schema):
    quick_code: str
    product_name: str


class SearchResultOut(Schema):
    kind: ResultKind
    certificate: CertificateSummary | None
    datasheet: DatasheetRef | None
    holder: HolderRef | None
    status: Status | None = Field(description="The certificate's status on the date asked.")


class SearchPageOut(Schema):
    total: int = Field(description="Matches, counted up to 1,000.")
    more: bool = Field(description="True when there are more matches than `total`.")
    page: int
    per_page: int
    pages: int
    on: date
    results: list[SearchResultOut]
