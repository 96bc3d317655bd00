"""Open data: the whole public registry as CSV and JSON Lines files, with a manifest.

`export_open_data(directory)` writes, for the export date:

- certificates.csv / .jsonl   every public certificate and its status that day
- datasheets.csv / .jsonl     every public datasheet, its version and status that day
- holders.csv / .jsonl        the holders of public certificates
- status_history.csv / .jsonl the resolved status timeline of every public certificate
- manifest.json               generation time, row counts, sha256 and the column list
- columns.md                  the column list for people

What is public is what the registry shows: certificates whose file reached the trial
period (an application under review, rejected or withdrawn before the trial is not);
datasheets ever published, of such certificates; holders of such certificates.

The export streams: rows are read with `.iterator()` in chunks, the status rows of a
whole chunk are fetched in one query and resolved in memory, and each row is written as
soon as it is made, so memory stays flat however large the registry. Files are written
under temporary names in the target directory and renamed into place (an atomic
replacement on POSIX), the manifest last, so a half-written export is never served.
"""

import csv
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, NamedTuple, TypeVar

from django.conf import settings
from django.db.models import Count, Q
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, timelines_of
from qualimark.certification.timeline import Segment, segment_on
from qualimark.datasheets import models as datasheet_models
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetState,
    DatasheetStatus,
    DatasheetVersion,
)
from qualimark.feed import services as feed
from qualimark.links import verification_url
from qualimark.parties.enterprise import format_enterprise_number
from qualimark.parties.models import Organisation
from qualimark.registry.access import public_certificates, public_datasheets
from qualimark.schemes.models import Programme

CHUNK_SIZE = 2000
FORMAT_VERSION = 1
# The open data's cursor on the change feed (`feed.services.read_from`).
OPEN_DATA_CURSOR = "open-data"

NOT_YET_PUBLISHED = "not_yet_published"


@dataclass(frozen=True)
class Column:
    name: str
    description: Promise


# The documented columns of each table, in file order. The web page and the manifest both
# show these, so that the documentation cannot drift from the files.
COLUMNS: dict[str, tuple[Column, ...]] = {
    "certificates": (
        Column("number", _("Certificate number, e.g. BENOR-000123; the key of the certificate.")),
        Column("scheme", _("Code of the certification system (mark), e.g. BENOR.")),
        Column("kind", _("product or execution (certification of products or of executions).")),
        Column("subject_code", _("Code of the certified product or execution type.")),
        Column("subject_nl", _("Name of the product or execution type in Dutch.")),
        Column("subject_fr", _("Name of the product or execution type in French.")),
        Column("subject_en", _("Name of the product or execution type in English (may be empty).")),
        Column(
            "holder_enterprise_number",
            _("Enterprise number (KBO/BCE) of the holder, 0403.170.701; empty if foreign."),
        ),
        Column("holder_name", _("Name of the holder.")),
        Column("holder_country", _("Country of the holder (ISO 3166 alpha-2).")),
        Column(
            "production_unit", _("Name of the production unit; empty for execution certification.")
        ),
        Column("production_unit_street", _("Street and number of the production unit.")),
        Column("production_unit_postal_code", _("Postal code of the production unit.")),
        Column("production_unit_town", _("Town of the production unit.")),
        Column("production_unit_country", _("Country of the production unit (ISO 3166 alpha-2).")),
        Column(
            "status",
            _(
                "Status on the export date: trial, certified, suspended, withdrawn, renounced, "
                "expired, not_granted, application_withdrawn."
            ),
        ),
        Column("status_since", _("First day of that status (ISO 8601 date).")),
        Column(
            "status_until",
            _("First day after that status as decided so far (ISO 8601 date); empty: open."),
        ),
        Column("valid", _("true if the certificate is valid (certified) on the export date.")),
        Column("granted_on", _("Date of grant: first day certified; empty if never granted.")),
        Column(
            "expires_on", _("First day on which the certificate is no longer valid; empty: none.")
        ),
        Column(
            "reference_documents",
            _(
                "Reference documents and their versions in force on the export date, e.g. "
                '"PTV 829 2021.2; TRA 29 3.0".'
            ),
        ),
        Column("verification_url", _("Address that verifies the certificate on any date.")),
    ),
    "datasheets": (
        Column("quick_code", _("The 8-digit quick code cited on delivery notes; the key.")),
        Column("quick_code_legacy", _("true if the code came from an earlier registry.")),
        Column("product_name", _("Product name.")),
        Column("trade_name", _("Trade name of the version in force (or last published).")),
        Column("version", _("Number of the version in force (or last published).")),
        Column(
            "status",
            _(
                "Status of the datasheet itself on the export date: published, withdrawn, "
                "superseded, not_yet_published."
            ),
        ),
        Column("status_since", _("First day of that status (ISO 8601 date).")),
        Column("superseded_by", _("Quick code of the replacing datasheet, if superseded.")),
        Column("certificate_number", _("Number of the certificate the datasheet belongs to.")),
        Column("certificate_status", _("Status of that certificate on the export date.")),
        Column(
            "valid",
            _("true if the datasheet is published and its certificate valid on the export date."),
        ),
        Column("scheme", _("Code of the certification system (mark).")),
        Column("subject_code", _("Code of the certified product type.")),
        Column("holder_name", _("Name of the holder.")),
        Column(
            "characteristics",
            _(
                "Declared characteristics: a list of {name, value, unit}, with method (the test "
                "method) and class where declared (a JSON text in the CSV file)."
            ),
        ),
        Column("verification_url", _("Address that verifies the datasheet on any date.")),
    ),
    "holders": (
        Column(
            "enterprise_number",
            _("Enterprise number (KBO/BCE), 0403.170.701; empty for a foreign holder."),
        ),
        Column("name", _("Name of the holder.")),
        Column("trade_name", _("Trade name, if any.")),
        Column("street", _("Street and number.")),
        Column("postal_code", _("Postal code.")),
        Column("town", _("Town.")),
        Column("country", _("Country (ISO 3166 alpha-2).")),
        Column("certificates", _("Number of its public certificates.")),
    ),
    "status_history": (
        Column("certificate_number", _("Certificate number.")),
        Column("status", _("Status (see certificates.status; also applied and admissible).")),
        Column("valid_from", _("First day of the status (ISO 8601 date).")),
        Column("valid_until", _("First day after the status (ISO 8601 date); empty: open.")),
    ),
}

README = _(
    "Open data of the public registry of %(body)s, as of %(day)s. Each table is given as "
    "CSV (UTF-8, comma-separated, RFC 4180, header row) and as JSON Lines (one JSON object "
    "per line, same keys, with numbers, booleans and null). Statuses are those on the export "
    "date; status_history gives every status with its dates. Dates are ISO 8601. Use the "
    "verification URL of a row to check it on any other date."
)

Row = dict[str, Any]
T = TypeVar("T")


@dataclass
class FileInfo:
    name: str
    rows: int = 0
    sha256: str = ""
    size: int = 0


@dataclass
class ExportSummary:
    directory: Path
    day: date
    generated_at: datetime
    # The last change of the registry (the feed's sequence number) the export includes.
    feed_position: int = 0
    files: list[FileInfo] = field(default_factory=list)

    def rows(self, table: str) -> int:
        return next(f.rows for f in self.files if f.name == f"{table}.csv")


def column_names(table: str) -> list[str]:
    return [column.name for column in COLUMNS[table]]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


class _TableWriter:
    """Writes one table to its CSV and JSON Lines files under temporary names."""

    def __init__(self, table: str, workdir: Path, files: ExitStack) -> None:
        self.columns = column_names(table)
        self.rows = 0
        csv_path, jsonl_path = workdir / f"{table}.csv", workdir / f"{table}.jsonl"
        self.csv = csv.writer(files.enter_context(csv_path.open("w", encoding="utf-8", newline="")))
        self.jsonl: IO[str] = files.enter_context(jsonl_path.open("w", encoding="utf-8"))
        self.csv.writerow(self.columns)

    def write(self, row: Row) -> None:
        self.csv.writerow(_csv_value(row[name]) for name in self.columns)
        self.jsonl.write(json.dumps({n: row[n] for n in self.columns}, ensure_ascii=False))
        self.jsonl.write("\n")
        self.rows += 1


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class _Documents:
    """The versions in force per programme: few programmes, so they are kept once read."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.cache: dict[int, str] = {}

    def of(self, programme: Programme) -> str:
        if programme.pk not in self.cache:
            versions = programme.versions_on(self.day)
            self.cache[programme.pk] = "; ".join(f"{v.document} {v.label}" for v in versions)
        return self.cache[programme.pk]


def _certificate_row(
    certificate: Certificate, timeline: list[Segment[Status]], day: date, documents: _Documents
) -> Row:
    segment = segment_on(timeline, day)
    granted = next((s.start for s in timeline if s.status == Status.CERTIFIED), None)
    programme, holder, unit = (
        certificate.programme,
        certificate.holder,
        certificate.production_unit,
    )
    subject = programme.subject
    return {
        "number": certificate.number,
        "scheme": programme.scheme.code,
        "kind": programme.scheme.kind,
        "subject_code": subject.code,
        "subject_nl": subject.name_nl,
        "subject_fr": subject.name_fr,
        "subject_en": subject.name_en,
        "holder_enterprise_number": format_enterprise_number(holder.enterprise_number),
        "holder_name": holder.name,
        "holder_country": holder.country,
        "production_unit": unit.name if unit else "",
        "production_unit_street": unit.street if unit else "",
        "production_unit_postal_code": unit.postal_code if unit else "",
        "production_unit_town": unit.town if unit else "",
        "production_unit_country": unit.country if unit else "",
        "status": str(segment.status) if segment else None,
        "status_since": _iso(segment.start) if segment else None,
        "status_until": _iso(segment.end) if segment else None,
        "valid": bool(segment and segment.status == Status.CERTIFIED),
        "granted_on": _iso(granted),
        "expires_on": _iso(certificate.expires_on),
        "reference_documents": documents.of(programme),
        "verification_url": verification_url(certificate.number),
    }


def _write_certificates(day: date, certificates: _TableWriter, history: _TableWriter) -> None:
    queryset = (
        public_certificates(day)
        .select_related("holder", "programme__scheme", "programme__subject", "production_unit")
        .order_by("number")
    )
    documents = _Documents(day)
    for chunk in _chunks(queryset.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        timelines = timelines_of([c.pk for c in chunk])
        for certificate in chunk:
            timeline = timelines[certificate.pk]
            certificates.write(_certificate_row(certificate, timeline, day, documents))
            for segment in timeline:
                history.write(
                    {
                        "certificate_number": certificate.number,
                        "status": str(segment.status),
                        "valid_from": _iso(segment.start),
                        "valid_until": _iso(segment.end),
                    }
                )


class _Version(NamedTuple):
    number: int
    trade_name: str
    characteristics: Any


class _CertificateInfo(NamedTuple):
    number: str
    scheme: str
    subject: str
    holder: str


@dataclass
class _DatasheetChunk:
    """What the rows of a chunk of datasheets need, each read in one query.

    Plain values rather than model instances: building tens of thousands of instances
    was most of the export's time.
    """

    timelines: dict[int, list[Segment[DatasheetState]]]
    certificate_timelines: dict[int, list[Segment[Status]]]
    certificates: dict[int, _CertificateInfo]
    versions: dict[int, _Version]
    quick_codes: dict[int, str]


def _version_shown(timeline: list[Segment[DatasheetState]], day: date) -> int | None:
    published = [s.status.version_id for s in timeline if s.start <= day and s.status.version_id]
    return published[-1] if published else None


class _Sheet(NamedTuple):
    """A datasheet as the export reads it: plain values, no model instance."""

    pk: int
    quick_code: str
    quick_code_legacy: bool
    product_name: str
    certificate_id: int


def _read_datasheet_chunk(chunk: list[_Sheet], day: date) -> _DatasheetChunk:
    timelines = datasheet_models.timelines_of([d.pk for d in chunk])
    version_ids = {_version_shown(t, day) for t in timelines.values()} - {None}
    replacement_ids = {
        s.status.superseded_by_id
        for t in timelines.values()
        for s in t
        if s.status.superseded_by_id is not None
    }
    versions = (
        DatasheetVersion.objects.filter(pk__in=version_ids)
        .order_by()
        .values_list("pk", "number", "trade_name", "characteristics")
    )
    codes = Datasheet.objects.filter(pk__in=replacement_ids).values_list("pk", "quick_code")
    certificate_ids = sorted({d.certificate_id for d in chunk})
    certificates = Certificate.objects.filter(pk__in=certificate_ids).values_list(
        "pk", "number", "programme__scheme__code", "programme__subject__code", "holder__name"
    )
    return _DatasheetChunk(
        timelines=timelines,
        certificate_timelines=timelines_of(certificate_ids),
        certificates={pk: _CertificateInfo(*info) for pk, *info in certificates},
        versions={pk: _Version(*version) for pk, *version in versions},
        quick_codes=dict(codes),
    )


def _characteristics(declared: Any) -> list[Any]:
    """The declared characteristics with their keys in one order: name, value, unit, others.

    PostgreSQL's jsonb does not keep the order of keys; fixing it makes the files (and
    their checksums) the same whichever database they come from.
    """
    if not isinstance(declared, list):
        return []
    first = ("name", "value", "unit")
    return [
        {
            **{key: item[key] for key in first if key in item},
            **{key: item[key] for key in sorted(item) if key not in first},
        }
        if isinstance(item, dict)
        else item
        for item in declared
    ]


def _datasheet_row(datasheet: _Sheet, read: _DatasheetChunk, day: date) -> Row:
    timeline = read.timelines[datasheet.pk]
    segment = segment_on(timeline, day)
    version_id = _version_shown(timeline, day)
    version = read.versions[version_id] if version_id else None
    certificate = read.certificates[datasheet.certificate_id]
    cert_segment = segment_on(read.certificate_timelines[datasheet.certificate_id], day)
    status = str(segment.status.status) if segment else NOT_YET_PUBLISHED
    replaced_by = segment.status.superseded_by_id if segment else None
    return {
        "quick_code": datasheet.quick_code,
        "quick_code_legacy": datasheet.quick_code_legacy,
        "product_name": datasheet.product_name,
        "trade_name": version.trade_name if version else "",
        "version": version.number if version else None,
        "status": status,
        "status_since": _iso(segment.start) if segment else None,
        "superseded_by": read.quick_codes.get(replaced_by) if replaced_by else None,
        "certificate_number": certificate.number,
        "certificate_status": str(cert_segment.status) if cert_segment else None,
        "valid": status == DatasheetStatus.PUBLISHED
        and bool(cert_segment and cert_segment.status == Status.CERTIFIED),
        "scheme": certificate.scheme,
        "subject_code": certificate.subject,
        "holder_name": certificate.holder,
        "characteristics": _characteristics(version.characteristics) if version else [],
        "verification_url": verification_url(datasheet.quick_code),
    }


def _write_datasheets(day: date, writer: _TableWriter) -> None:
    queryset = (
        public_datasheets(day)
        .order_by("quick_code")
        .values_list("pk", "quick_code", "quick_code_legacy", "product_name", "certificate_id")
    )
    sheets = (_Sheet(*row) for row in queryset.iterator(chunk_size=CHUNK_SIZE))
    for chunk in _chunks(sheets, CHUNK_SIZE):
        read = _read_datasheet_chunk(chunk, day)
        for datasheet in chunk:
            writer.write(_datasheet_row(datasheet, read, day))


def _write_holders(day: date, writer: _TableWriter) -> None:
    public = public_certificates(day).values("pk")
    queryset = (
        Organisation.objects.annotate(
            public_certificates=Count("certificates", filter=Q(certificates__in=public))
        )
        .filter(public_certificates__gt=0)
        .order_by("name", "pk")
    )
    for holder in queryset.iterator(chunk_size=CHUNK_SIZE):
        writer.write(
            {
                "enterprise_number": format_enterprise_number(holder.enterprise_number),
                "name": holder.name,
                "trade_name": holder.trade_name,
                "street": holder.street,
                "postal_code": holder.postal_code,
                "town": holder.town,
                "country": holder.country,
                "certificates": holder.public_certificates,
            }
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _readme(day: date) -> str:
    return str(README) % {"body": settings.QUALIMARK_CB_NAME, "day": day.isoformat()}


def columns_markdown(day: date | None = None) -> str:
    """The column list as Markdown (in the active language), for columns.md and pages."""
    lines = ["# " + str(_("Open data of the public registry")), ""]
    if day is not None:
        lines += [_readme(day), ""]
    for table, columns in COLUMNS.items():
        lines += [f"## {table}.csv / {table}.jsonl", ""]
        lines += [f"- `{column.name}`: {column.description}" for column in columns]
        lines.append("")
    return "\n".join(lines)


def _manifest(summary: ExportSummary) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "publisher": settings.QUALIMARK_CB_NAME,
        "generated_at": summary.generated_at.isoformat(),
        "as_of": summary.day.isoformat(),
        "registry_change": summary.feed_position,
        "readme": str(README)
        % {"body": settings.QUALIMARK_CB_NAME, "day": summary.day.isoformat()},
        "files": [
            {
                "name": info.name,
                "table": info.name.rsplit(".", 1)[0],
                "format": "csv" if info.name.endswith(".csv") else "jsonl",
                "rows": info.rows,
                "bytes": info.size,
                "sha256": info.sha256,
            }
            for info in summary.files
        ],
        "columns": {
            table: [{"name": c.name, "description": str(c.description)} for c in columns]
            for table, columns in COLUMNS.items()
        },
    }


def _write_tables(workdir: Path, day: date) -> dict[str, int]:
    with ExitStack() as files:
        writers = {table: _TableWriter(table, workdir, files) for table in COLUMNS}
        _write_certificates(day, writers["certificates"], writers["status_history"])
        _write_datasheets(day, writers["datasheets"])
        _write_holders(day, writers["holders"])
    return {table: writer.rows for table, writer in writers.items()}


def export_open_data(directory: Path | None = None, *, on: date | None = None) -> ExportSummary:
    """Write the open-data files of the registry as of `on` (default today) to `directory`.

    Files already there are replaced one by one by atomic renames, the manifest last.
    The texts (README, column descriptions) are written in English.
    """
    target = Path(directory or settings.QUALIMARK_OPEN_DATA_DIR)
    target.mkdir(parents=True, exist_ok=True)
    day = on or clock.today()
    # Open data is a reader that may lag: it says up to which change of the registry it
    # is, and keeps its cursor on the feed.
    position = feed.position()
    summary = ExportSummary(
        directory=target, day=day, generated_at=clock.now(), feed_position=position
    )
    workdir = Path(tempfile.mkdtemp(prefix=".export-", dir=target))
    try:
        with translation.override("en"):
            counts = _write_tables(workdir, day)
            for table, rows in counts.items():
                for suffix in ("csv", "jsonl"):
                    path = workdir / f"{table}.{suffix}"
                    summary.files.append(
                        FileInfo(path.name, rows, _sha256(path), path.stat().st_size)
                    )
            (workdir / "columns.md").write_text(columns_markdown(day), encoding="utf-8")
            manifest = json.dumps(_manifest(summary), ensure_ascii=False, indent=2)
            (workdir / "manifest.json").write_text(manifest + "\n", encoding="utf-8")
        names = [info.name for info in summary.files] + ["columns.md", "manifest.json"]
        for name in names:
            os.replace(workdir / name, target / name)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    feed.move(OPEN_DATA_CURSOR, position)
    return summary
