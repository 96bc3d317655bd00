"""The verification model kept from the change feed, and rebuilt from the raw history.

`project` is named in `QUALIMARK_PROJECTORS`: the feed calls it in the transaction of every
change, and it rewrites the rows of the codes the change concerns (a decision: the
certificate's number and the quick codes of all its datasheets; a datasheet change: its
quick code; a renamed holder, mark or subject: every code that shows the name).

A row keeps its story (see `models.Entry`): what the registry now says is compared with
what it said, the intervals that no longer hold are closed at this change (`gone_seq`,
`gone_at`) and the new ones opened at it. Nothing is forgotten, so the row answers as the
registry stood at any earlier change too. A change by date alone (an expiry noted by the
daily run) leaves the row as it is: the decision that planned it already made it known.

`rebuild` writes every row again from the raw history (the status rows, each with the
moment it was recorded), for a registry loaded in bulk (the demo) or a model to repair.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from django.db import models, transaction

from qualimark.certification.models import Certificate, Decision, StatusPeriod, showing_name_of
from qualimark.certification.models import timeline_of as certificate_timeline
from qualimark.certification.timeline import PeriodRow
from qualimark.datasheets.models import Datasheet, DatasheetStatusPeriod
from qualimark.datasheets.models import timeline_of as datasheet_timeline
from qualimark.feed.models import Change
from qualimark.lots.models import LotConformityDocument
from qualimark.schemes.models import Scheme, Subject
from qualimark.verification.models import Entry, Story
from qualimark.verification.packing import pack, unpack

QUICK_CODE, CERTIFICATE, LOT = "q", "c", "l"
BATCH = 2000

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

Interval = list[Any]
Stamp = tuple[int, int]  # (sequence number, moment in microseconds)


def micros(moment: datetime) -> int:
    """A moment as whole microseconds since the epoch: exact, and ordered as numbers."""
    return (moment - _EPOCH) // _MICROSECOND


# What the registry says now of one certificate, datasheet or lot.


def _certificate_names(certificate: Certificate) -> dict[str, Any]:
    holder, programme, unit = certificate.holder, certificate.programme, certificate.production_unit
    return {
        "number": certificate.number,
        "holder": holder.name,
        "enterprise": holder.enterprise_number or "",
        **_mark(programme.scheme, programme.subject),
        "unit": f"{unit.name}, {unit.town}" if unit else None,
    }


def _mark(scheme: Scheme, subject: Subject | None) -> dict[str, Any]:
    return {
        "scheme": [scheme.code, scheme.name],
        "subject": [
            subject.code,
            subject.kind,
            {
                "nl": subject.name_nl,
                "fr": subject.name_fr,
                "en": subject.name_en,
                "de": subject.name_de,
            },
        ]
        if subject
        else None,
    }


def _lot_names(document: LotConformityDocument) -> dict[str, Any]:
    request = document.request
    version = request.document_version
    return {
        "lot": document.code,
        "product": document.product,
        "quantity": str(document.quantity),
        "unit": document.unit,
        "identification": document.lot_identification,
        "issued_on": document.issued_on.isoformat(),
        "document": [
            request.document_kind,
            request.document_reference,
            version.label if version else None,
        ]
        if request.document_kind
        else None,
        **_mark(request.scheme, request.subject),
    }


def _certificate_now(rows: Sequence[PeriodRow | StatusPeriod]) -> list[Interval]:
    return [
        [s.start.isoformat(), s.end.isoformat() if s.end else None, str(s.status)]
        for s in certificate_timeline(rows)
    ]


def _datasheet_now(
    rows: Sequence[PeriodRow | DatasheetStatusPeriod], replacements: dict[int, list[str]]
) -> list[Interval]:
    return [
        [
            s.start.isoformat(),
            s.end.isoformat() if s.end else None,
            str(s.status.status),
            replacements.get(s.status.superseded_by_id) if s.status.superseded_by_id else None,
        ]
        for s in datasheet_timeline(rows)
    ]


# The story of a row: what the registry says now, merged with what it said.


def merge(kept: list[Interval], now: list[Interval], stamp: Stamp) -> tuple[list[Interval], bool]:
    """`kept` with the intervals that no longer hold closed at `stamp` and `now`'s new ones
    opened at it; and whether anything changed."""
    holding = {orjson.dumps(interval): interval for interval in now}
    merged: list[Interval] = []
    changed = False
    for interval in kept:
        width = len(interval) - 4
        if interval[width + 2] is None:  # still holds, as far as the row knew
            key = orjson.dumps(interval[:width])
            if key in holding:
                del holding[key]
            else:
                interval = [*interval[: width + 2], *stamp]
                changed = True
        merged.append(interval)
    for interval in holding.values():
        merged.append([*interval, *stamp, None, None])
        changed = True
    return merged, changed


@dataclass
class _Row:
    kind: str
    names: list[list[Any]] = field(default_factory=list)
    certificate: list[Interval] = field(default_factory=list)
    datasheet: list[Interval] = field(default_factory=list)
    seq: int = 0

    @classmethod
    def load(cls, seq: int, story: bytes | memoryview) -> "_Row":
        data = unpack(story)
        return cls(data["k"], data["n"], data.get("c", []), data.get("d", []), seq)

    def name(self, names: dict[str, Any], stamp: Stamp) -> bool:
        if self.names and self.names[-1][2] == names:
            return False
        self.names.append([*stamp, names])
        return True

    def rows(self) -> tuple[Entry, Story]:
        data: dict[str, Any] = {"k": self.kind, "n": self.names}
        if self.kind != LOT:
            data["c"] = self.certificate
        if self.kind == QUICK_CODE:
            data["d"] = self.datasheet
        code = self._code()
        now, story = pack(data)
        return Entry(code=code, seq=self.seq, now=now), Story(code=code, data=story)

    def _code(self) -> str:
        names = self.names[-1][2]
        return str(names["lot"] if self.kind == LOT else names.get("quick_code") or names["number"])


def _write(rows: Iterable[_Row]) -> None:
    pairs = [row.rows() for row in rows]
    Entry.objects.bulk_create(
        [entry for entry, _story in pairs],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["seq", "now"],
        batch_size=500,
    )
    Story.objects.bulk_create(
        [story for _entry, story in pairs],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["data"],
        batch_size=500,
    )


def _kept(codes: Iterable[str]) -> dict[str, _Row]:
    # One statement: each story with its entry's last change.
    last = Entry.objects.filter(code=models.OuterRef("code")).values("seq")
    stories = Story.objects.filter(code__in=list(codes)).annotate(seq=models.Subquery(last))
    return {
        code: _Row.load(seq, story)
        for code, story, seq in stories.values_list("code", "data", "seq")
    }


# Kept from the feed.


def project(change: Change, obj: models.Model) -> None:
    """Rewrite the rows that `change` (of `obj`) concerns, in the change's transaction."""
    kind = change.kind
    if kind.startswith("certificate."):
        refresh_certificates([obj.pk], change)
    elif kind.startswith("datasheet."):
        assert isinstance(obj, Datasheet)
        refresh_certificates([obj.certificate_id], change, datasheets=[obj.pk])
    elif kind == "lot.document_issued":
        assert isinstance(obj, LotConformityDocument)
        _refresh_lots(LotConformityDocument.objects.filter(pk=obj.pk), change)
    elif kind.endswith(".changed"):
        _renamed(obj, change)


def _stamp(change: Change) -> Stamp:
    return change.pk, micros(change.recorded_at)


def _certificates(ids: Sequence[int]) -> models.QuerySet[Certificate]:
    return Certificate.objects.filter(pk__in=ids).select_related(
        "holder", "programme__scheme", "programme__subject", "production_unit"
    )


def refresh_certificates(
    ids: Sequence[int], change: Change, *, datasheets: Sequence[int] | None = None
) -> None:
    """Rewrite the rows of these certificates and of their datasheets (or only `datasheets`)."""
    stamp = _stamp(change)
    certificates = list(_certificates(ids))
    periods: dict[int, list[StatusPeriod]] = {}
    for period in StatusPeriod.objects.filter(certificate_id__in=ids):
        periods.setdefault(period.certificate_id, []).append(period)
    sheets = Datasheet.objects.filter(certificate_id__in=ids)
    if datasheets is not None:
        sheets = sheets.filter(pk__in=datasheets)
    sheets_of: dict[int, list[Datasheet]] = {}
    for sheet in sheets.order_by("pk"):
        sheets_of.setdefault(sheet.certificate_id, []).append(sheet)
    sheet_periods: dict[int, list[DatasheetStatusPeriod]] = {}
    for row in DatasheetStatusPeriod.objects.filter(datasheet__in=sheets):
        sheet_periods.setdefault(row.datasheet_id, []).append(row)
    replacements = _replacements(sheet_periods.values())
    codes = [c.number for c in certificates]
    codes += [s.quick_code for group in sheets_of.values() for s in group]
    kept = _kept(codes)
    written: list[_Row] = []
    for certificate in certificates:
        row = kept.get(certificate.number) or _Row(CERTIFICATE)
        now = _certificate_now(periods.get(certificate.pk, []))
        if not now and not row.names:
            continue  # nothing decided yet: nothing to answer
        names = _certificate_names(certificate)
        row.certificate, changed = merge(row.certificate, now, stamp)
        if row.name(names, stamp) or changed:
            row.seq = stamp[0]
            written.append(row)
        for sheet in sheets_of.get(certificate.pk, []):
            sheet_row = kept.get(sheet.quick_code) or _Row(QUICK_CODE)
            sheet_now = _datasheet_now(sheet_periods.get(sheet.pk, []), replacements)
            if not sheet_now and not sheet_row.names:
                continue  # never published: unknown to the registry
            sheet_row.datasheet, sheet_changed = merge(sheet_row.datasheet, sheet_now, stamp)
            named = sheet_row.name(_datasheet_names(sheet, names), stamp)
            # A datasheet's row tells its certificate's story as the certificate's row does.
            certificate_changed = sheet_row.certificate != row.certificate
            sheet_row.certificate = row.certificate
            if named or sheet_changed or certificate_changed:
                sheet_row.seq = max(stamp[0], sheet_row.seq)
                written.append(sheet_row)
    _write(written)


def _datasheet_names(sheet: Datasheet, certificate_names: dict[str, Any]) -> dict[str, Any]:
    return {**certificate_names, "quick_code": sheet.quick_code, "product": sheet.product_name}


def _replacements(
    groups: Iterable[Sequence[DatasheetStatusPeriod | PeriodRow]],
) -> dict[int, list[str]]:
    ids = {row.superseded_by_id for rows in groups for row in rows if row.superseded_by_id}
    return {
        pk: [code, product]
        for pk, code, product in Datasheet.objects.filter(pk__in=ids).values_list(
            "pk", "quick_code", "product_name"
        )
    }


def _refresh_lots(documents: models.QuerySet[LotConformityDocument], change: Change) -> None:
    stamp = _stamp(change)
    documents = documents.select_related(
        "request__scheme", "request__subject", "request__document_version"
    )
    found = list(documents)
    kept = _kept(document.code for document in found)
    written = []
    for document in found:
        row = kept.get(document.code) or _Row(LOT)
        if row.name(_lot_names(document), stamp):
            row.seq = stamp[0]
            written.append(row)
    _write(written)


def _renamed(obj: models.Model, change: Change) -> None:
    """A holder, mark, subject or programme renamed: every code that shows its name."""
    certificates = showing_name_of(obj)
    if certificates is None:
        return
    lots = LotConformityDocument.objects.none()
    if isinstance(obj, Scheme):
        lots = LotConformityDocument.objects.filter(request__scheme=obj)
    elif isinstance(obj, Subject):
        lots = LotConformityDocument.objects.filter(request__subject=obj)
    ids = list(certificates.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        refresh_certificates(ids[start : start + BATCH], change)
    _refresh_lots(lots, change)


# Rebuilt from the raw history.


class _Stamps:
    """The stamps under which the change feed made each raw history row known.

    A feed row names what it recorded: a decision (`decision`), a datasheet's status row
    (`row`), a lot conformity document (the object itself). History loaded in bulk, with
    no feed row, is known under 0 (no change of the feed made it known) from the moment
    it was recorded."""

    def __init__(self) -> None:
        self.decisions: dict[int, Stamp] = {}
        self.sheet_rows: dict[int, Stamp] = {}
        self.lots: dict[int, Stamp] = {}
        changes = Change.objects.filter(
            kind__in=[
                "certificate.decision",
                "datasheet.published",
                "datasheet.withdrawn",
                "datasheet.superseded",
                "lot.document_issued",
            ]
        ).values_list("pk", "recorded_at", "kind", "object_id", "data")
        for pk, at, kind, object_id, data in changes.iterator(chunk_size=BATCH):
            stamp = (pk, micros(at))
            if kind == "certificate.decision":
                self.decisions[data["decision"]] = stamp
            elif kind == "lot.document_issued":
                self.lots[object_id] = stamp
            elif "row" in data:
                self.sheet_rows[data["row"]] = stamp

    @staticmethod
    def of(known: dict[int, Stamp], pk: int, moment: datetime) -> Stamp:
        return known.get(pk) or (0, micros(moment))


def _story(
    events: Sequence[tuple[Stamp, list[Any]]],
    now: Callable[[list[Any]], list[Interval]],
) -> tuple[list[Interval], Stamp | None]:
    """The intervals of a history recorded in `events` (stamp, rows), in order, and the
    stamp of the first event."""
    intervals: list[Interval] = []
    rows: list[Any] = []
    first = None
    for stamp, recorded in events:
        rows.extend(recorded)
        first = first or stamp
        intervals, _changed = merge(intervals, now(rows), stamp)
    return intervals, first


def _last_seq(row: _Row) -> int:
    seqs = [version[0] for version in row.names]
    for intervals in (row.certificate, row.datasheet):
        for interval in intervals:
            width = len(interval) - 4
            seqs.append(interval[width])
            if interval[width + 2] is not None:
                seqs.append(interval[width + 2])
    return max(seqs, default=0)


def rebuild(*, batch_size: int = BATCH, say: Callable[[str], None] | None = None) -> int:
    """Write every row again from the raw history; the number of rows written."""
    stamps = _Stamps()
    with transaction.atomic():
        Entry.objects.all().delete()
        Story.objects.all().delete()
        ids = list(Certificate.objects.order_by("pk").values_list("pk", flat=True))
        written = 0
        for start in range(0, len(ids), batch_size):
            written += _rebuild_certificates(ids[start : start + batch_size], stamps)
            if say:
                say(f"verification: {start + len(ids[start : start + batch_size])} files")
        written += _rebuild_lots(stamps)
    return written


def _rebuild_certificates(ids: Sequence[int], stamps: _Stamps) -> int:
    decided = dict(Decision.objects.filter(certificate_id__in=ids).values_list("pk", "decided_at"))
    periods: dict[int, dict[int, list[PeriodRow]]] = {}
    for certificate_id, decision_id, start, end, status in StatusPeriod.objects.filter(
        certificate_id__in=ids
    ).values_list("certificate_id", "decision_id", "valid_from", "valid_until", "status"):
        by_decision = periods.setdefault(certificate_id, {})
        by_decision.setdefault(decision_id, []).append(
            PeriodRow(start, end, status, decision_id=decision_id)
        )
    sheet_rows: dict[int, list[tuple[datetime, PeriodRow]]] = {}
    fields = ("datasheet_id", "pk", "valid_from", "valid_until", "status", "version_id")
    sheet_history = DatasheetStatusPeriod.objects.filter(datasheet__certificate_id__in=ids)
    for values in sheet_history.values_list(*fields, "superseded_by_id", "recorded_at"):
        sheet_id, pk, start, end, status, version, replacement, at = values
        sheet_rows.setdefault(sheet_id, []).append(
            (
                at,
                PeriodRow(
                    start, end, status, pk=pk, version_id=version, superseded_by_id=replacement
                ),
            )
        )
    replacements = _replacements([[row for _at, row in rows] for rows in sheet_rows.values()])
    sheets_of: dict[int, list[Datasheet]] = {}
    for sheet in Datasheet.objects.filter(certificate_id__in=ids).order_by("pk"):
        sheets_of.setdefault(sheet.certificate_id, []).append(sheet)
    written: list[_Row] = []
    for certificate in _certificates(ids):
        by_decision = periods.get(certificate.pk, {})
        events = [
            (stamps.of(stamps.decisions, pk, decided[pk]), by_decision[pk])
            for pk in sorted(by_decision)
        ]
        intervals, first = _story(events, _certificate_now)
        if first is None:
            continue
        row = _Row(CERTIFICATE, certificate=intervals)
        names = _certificate_names(certificate)
        row.name(names, first)
        row.seq = _last_seq(row)
        written.append(row)
        for sheet in sheets_of.get(certificate.pk, []):
            recorded = sorted(sheet_rows.get(sheet.pk, []), key=lambda pair: pair[1].pk or 0)
            sheet_intervals, sheet_first = _story(
                [(stamps.of(stamps.sheet_rows, p.pk or 0, at), [p]) for at, p in recorded],
                lambda rows: _datasheet_now(rows, replacements),
            )
            if sheet_first is None:
                continue
            sheet_row = _Row(QUICK_CODE, certificate=intervals, datasheet=sheet_intervals)
            sheet_row.name(_datasheet_names(sheet, names), sheet_first)
            sheet_row.seq = _last_seq(sheet_row)
            written.append(sheet_row)
    _write(written)
    return len(written)


def _rebuild_lots(stamps: _Stamps) -> int:
    written = []
    documents = LotConformityDocument.objects.select_related(
        "request__scheme", "request__subject", "request__document_version"
    )
    for document in documents.iterator(chunk_size=BATCH):
        row = _Row(LOT)
        row.name(_lot_names(document), stamps.of(stamps.lots, document.pk, document.issued_at))
        row.seq = _last_seq(row)
        written.append(row)
    _write(written)
    return len(written)
