"""Writing the search index: one entry per public datasheet, certificate and holder.

What is public, and so indexed (see `qualimark.registry.search.search`):

- a datasheet once any of its versions has been published (withdrawn and superseded
  ones stay: their status is part of the answer);
- a certificate once its file has reached the trial period (applications under review,
  rejected or withdrawn before the trial are not public);
- a holder while it has at least one such certificate.

The index is kept current by the services that make things public, in their own
transaction: `start_trial_period` (through `certification.services._decide`) calls
`index_certificate`, `publish_datasheet_version` calls `index_datasheet`. An entry also
keeps today's statuses (`search.statuses`), written with it and again from the change
feed and on their day; a holder, mark, subject or programme renamed in the administration
reaches the index through the feed too (`search.projector`). `qualimark reindex` rebuilds
everything in batches without holding the registry in memory.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models, transaction
from django.db.models import Min

from qualimark import bulk, clock
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, StatusPeriod
from qualimark.datasheets.models import Datasheet, DatasheetStatus, DatasheetStatusPeriod
from qualimark.datasheets.quickcodes import format_code
from qualimark.parties.enterprise import format_enterprise_number
from qualimark.parties.models import Organisation
from qualimark.search import statuses
from qualimark.search.models import EntryKind, SearchEntry
from qualimark.search.text import normalise

BATCH = 2000  # objects read and entries written per round trip when rebuilding

# What an entry says about a certificate, read in one query with the certificate.
_CERTIFICATE_FIELDS = (
    "id",
    "number",
    "holder_id",
    "holder__name",
    "holder__trade_name",
    "holder__enterprise_number",
    "holder__postal_code",
    "holder__town",
    "production_unit__name",
    "production_unit__postal_code",
    "production_unit__town",
    "programme__scheme__code",
    "programme__scheme__name",
    "programme__subject__code",
    "programme__subject__name_nl",
    "programme__subject__name_fr",
    "programme__subject__name_en",
    "programme__subject__name_de",
)


def compose(*parts: str | None) -> str:
    """The indexed text of several fields: normalised words, each once, in order."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in normalise(part or "").split():
            seen.setdefault(word, None)
    return " ".join(seen)


def _subject_words(row: dict[str, Any]) -> list[str]:
    """The subject's code and its name in every language: people search in their own."""
    return [
        row["programme__subject__code"],
        row["programme__subject__name_nl"],
        row["programme__subject__name_fr"],
        row["programme__subject__name_en"],
        row["programme__subject__name_de"],
    ]


def _certificate_words(row: dict[str, Any]) -> list[str]:
    number = row["holder__enterprise_number"] or ""
    return [
        row["number"],
        row["programme__scheme__code"],
        row["programme__scheme__name"],
        *_subject_words(row),
        row["holder__name"],
        row["holder__trade_name"],
        number,
        format_enterprise_number(number),
        row["production_unit__name"],
        row["production_unit__postal_code"],
        row["production_unit__town"],
        row["holder__postal_code"],
        row["holder__town"],
    ]


def _filter_columns(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "certificate_id": row["id"],
        "holder_id": row["holder_id"],
        "scheme_code": row["programme__scheme__code"].upper(),
        "subject_code": row["programme__subject__code"].lower(),
        "holder_number": row["holder__enterprise_number"] or "",
        "unit_town": normalise(row["production_unit__town"] or "")[:100],
        "unit_postal_code": (row["production_unit__postal_code"] or "").strip(),
    }


def _public_since(certificate_ids: Iterable[int]) -> dict[int, date]:
    """The first day of the trial period of each file that reached it."""
    rows = (
        StatusPeriod.objects.filter(certificate_id__in=certificate_ids, status=Status.TRIAL)
        .values("certificate_id")
        .annotate(since=Min("valid_from"))
        .order_by()
    )
    return {row["certificate_id"]: row["since"] for row in rows}


def certificate_entries(ids: list[int]) -> list[SearchEntry]:
    since = _public_since(ids)
    rows = Certificate.objects.filter(pk__in=since).values(*_CERTIFICATE_FIELDS)
    entries = [
        SearchEntry(
            kind=EntryKind.CERTIFICATE,
            sort_name=normalise(row["holder__name"])[:200],
            sort_number=row["number"],
            sort_date=since[row["id"]],
            text=compose(*_certificate_words(row)),
            **_filter_columns(row),
        )
        for row in rows
    ]
    statuses.compute(entries, clock.today())
    return entries


@dataclass
class _Publications:
    first: date | None = None
    trade_names: dict[int, str] = field(default_factory=dict)  # version number → name


def _publications(datasheet_ids: Iterable[int]) -> dict[int, _Publications]:
    rows = DatasheetStatusPeriod.objects.filter(
        datasheet_id__in=datasheet_ids, status=DatasheetStatus.PUBLISHED
    ).values_list("datasheet_id", "valid_from", "version__number", "version__trade_name")
    found: dict[int, _Publications] = defaultdict(_Publications)
    for datasheet_id, valid_from, number, trade_name in rows:
        entry = found[datasheet_id]
        entry.first = valid_from if entry.first is None else min(entry.first, valid_from)
        if number is not None:
            entry.trade_names[number] = trade_name
    return found


def datasheet_entries(ids: list[int]) -> list[SearchEntry]:
    published = _publications(ids)
    sheets = Datasheet.objects.filter(pk__in=published).values(
        "id",
        "quick_code",
        "product_name",
        *(f"certificate__{name}" for name in _CERTIFICATE_FIELDS),
    )
    entries = []
    for sheet in sheets:
        row = {name: sheet[f"certificate__{name}"] for name in _CERTIFICATE_FIELDS}
        names = published[sheet["id"]].trade_names
        current = names[max(names)] if names else sheet["product_name"]
        entries.append(
            SearchEntry(
                kind=EntryKind.DATASHEET,
                datasheet_id=sheet["id"],
                sort_name=normalise(current)[:200],
                sort_number=sheet["quick_code"],
                sort_date=published[sheet["id"]].first,
                text=compose(
                    sheet["quick_code"],
                    format_code(sheet["quick_code"]),
                    *names.values(),
                    sheet["product_name"],
                    *_certificate_words(row),
                ),
                **_filter_columns(row),
            )
        )
    statuses.compute(entries, clock.today())
    return entries


def holder_entries(ids: list[int]) -> list[SearchEntry]:
    certificates = (
        Certificate.objects.filter(holder_id__in=ids, status_periods__status=Status.TRIAL)
        .annotate(since=Min("status_periods__valid_from"))
        .values("holder_id", "since", *_CERTIFICATE_FIELDS)
        .order_by("number")
    )
    words: dict[int, list[str]] = defaultdict(list)
    since: dict[int, date] = {}
    for row in certificates:
        holder = row["holder_id"]
        words[holder] += [
            row["number"],
            row["programme__scheme__code"],
            *_subject_words(row),
            row["production_unit__postal_code"],
            row["production_unit__town"],
        ]
        since[holder] = min(since.get(holder, row["since"]), row["since"])
    holders = Organisation.objects.filter(pk__in=since)
    return [
        SearchEntry(
            kind=EntryKind.HOLDER,
            holder_id=holder.pk,
            holder_number=holder.enterprise_number,
            sort_name=normalise(holder.name)[:200],
            sort_number=holder.enterprise_number,
            sort_date=since[holder.pk],
            text=compose(
                holder.name,
                holder.trade_name,
                holder.enterprise_number,
                format_enterprise_number(holder.enterprise_number),
                holder.postal_code,
                holder.town,
                *words[holder.pk],
            ),
        )
        for holder in holders
    ]


_BUILDERS: dict[EntryKind, tuple[str, Callable[[list[int]], list[SearchEntry]]]] = {
    EntryKind.CERTIFICATE: ("certificate_id", certificate_entries),
    EntryKind.DATASHEET: ("datasheet_id", datasheet_entries),
    EntryKind.HOLDER: ("holder_id", holder_entries),
}


def _replace(kind: EntryKind, ids: list[int]) -> int:
    """Write the entries of `kind` for the objects `ids` anew; the number now indexed."""
    column, build = _BUILDERS[kind]
    SearchEntry.objects.filter(kind=kind, **{f"{column}__in": ids}).delete()
    return len(SearchEntry.objects.bulk_create(build(ids)))


@transaction.atomic
def index_certificate(certificate: Certificate) -> None:
    """(Re)index a certificate and its holder: call when its file reaches the trial period."""
    _replace(EntryKind.CERTIFICATE, [certificate.pk])
    _replace(EntryKind.HOLDER, [certificate.holder_id])


@transaction.atomic
def index_datasheet(datasheet: Datasheet) -> None:
    """(Re)index a datasheet: call when one of its versions is published."""
    _replace(EntryKind.DATASHEET, [datasheet.pk])


def reindex_certificates(ids: list[int]) -> None:
    """Index again these certificates, their datasheets and their holders, in batches: call
    when something they show was renamed (a holder, a mark, a subject, a programme)."""
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        _replace(EntryKind.CERTIFICATE, batch)
        sheets = Datasheet.objects.filter(certificate_id__in=batch)
        _replace(EntryKind.DATASHEET, list(sheets.values_list("pk", flat=True)))
        holders = Certificate.objects.filter(pk__in=batch).values_list("holder_id", flat=True)
        _replace(EntryKind.HOLDER, list(set(holders)))


def _id_batches(model: type[models.Model], size: int) -> Iterator[list[int]]:
    """All ids of `model` in ascending batches, read by key so that memory stays flat."""
    last = 0
    while True:
        ids = list(
            model._default_manager.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


_SOURCES: tuple[tuple[EntryKind, type[models.Model]], ...] = (
    (EntryKind.HOLDER, Organisation),
    (EntryKind.CERTIFICATE, Certificate),
    (EntryKind.DATASHEET, Datasheet),
)


@transaction.atomic
def rebuild_index(
    *, batch_size: int = BATCH, say: Callable[[str], None] | None = None
) -> dict[EntryKind, int]:
    """Rebuild the whole index from the registry; the number of entries of each kind.

    One transaction: searches keep seeing the previous index until the new one is
    complete. Objects are read in batches of `batch_size`, so a registry of a million
    datasheets is indexed in constant memory.
    """
    SearchEntry.objects.all().delete()
    counts: dict[EntryKind, int] = {}
    for kind, model in _SOURCES:
        counts[kind] = 0
        for ids in _id_batches(model, batch_size):
            entries = _BUILDERS[kind][1](ids)
            bulk.insert(SearchEntry, entries)
            counts[kind] += len(entries)
        if say is not None:
            say(f"{kind.label}: {counts[kind]:,}")
    return counts
