"""Which files need an inspection soon, and who is to do it (see `planning.py` to plan them).

A file is under oversight from its trial period on, while certified and while suspended.
Each needs the number of inspections a year that its TRA/BRS sets (more under stricter
oversight): the next one is due a year divided by that number after the last visit, or
after the start of oversight when there was none yet.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeAlias, TypedDict, TypeVar

from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django_stubs_ext import WithAnnotations

from qualimark.accounts.models import User
from qualimark.certification.lifecycle import UNDER_OVERSIGHT
from qualimark.certification.models import Certificate, StatusPeriod
from qualimark.oversight.lifecycle import VISITED, InspectionStatus
from qualimark.oversight.models import Inspection, InspectionBody
from qualimark.sanctions.services import inspections_per_year_on
from qualimark.schemes.models import DocumentVersion

Frequencies = dict[tuple[int, date], tuple[int, int] | None]
K = TypeVar("K", InspectionBody, User)


class _Oversight(TypedDict):
    """What `_files_under_oversight` adds to each file."""

    last_visit: date | None
    last_body_id: int | None
    last_inspector_id: int | None
    open_inspections: list[Inspection]


# A string: WithAnnotations takes its second argument only for the type checker.
Overseen: TypeAlias = "WithAnnotations[Certificate, _Oversight]"


@dataclass(frozen=True)
class DueInspection:
    """A file under oversight and where it stands with its inspections on a day."""

    certificate: Certificate
    per_year: int | None  # None: no regulation in force sets a frequency
    last_visit: date | None
    since: date  # the last visit, or the start of oversight if there was none
    due_on: date | None
    overdue: bool
    body: InspectionBody | None
    inspector: User | None
    planned: Inspection | None

    @property
    def frequency_known(self) -> bool:
        return self.per_year is not None


def due_inspections(
    day: date,
    *,
    horizon_days: int = 30,
    body: InspectionBody | None = None,
    inspector: User | None = None,
) -> list[DueInspection]:
    """The files due for an inspection by `day` + `horizon_days` (overdue ones first).

    Files without a known frequency are included with `per_year` None and no due date,
    so that they are listed apart rather than forgotten. Runs in a fixed number of
    queries whatever the number of files.
    """
    horizon = day + timedelta(days=horizon_days)
    files = list(_files_under_oversight(day))
    frequencies = _frequencies({f.programme_id for f in files}, day)
    people = _people(files)
    contracted = _contracted_bodies()
    items = []
    for certificate in files:
        if certificate.status_on(day) not in UNDER_OVERSIGHT:
            continue
        item = _due(certificate, day, frequencies, people, contracted)
        if item.due_on is not None and item.due_on > horizon:
            continue
        if body is not None and item.body != body:
            continue
        if inspector is not None and item.inspector != inspector:
            continue
        items.append(item)
    return sorted(items, key=_order)


def _order(item: DueInspection) -> tuple[bool, date, str]:
    return (item.due_on is None, item.due_on or date.max, item.certificate.number)


def _files_under_oversight(day: date) -> QuerySet[Overseen]:
    ever_overseen = StatusPeriod.objects.filter(
        status__in=UNDER_OVERSIGHT, valid_from__lte=day
    ).values("certificate_id")
    visits = Inspection.objects.filter(
        certificate=OuterRef("pk"), status__in=VISITED, visited_on__lte=day
    ).order_by("-visited_on", "-id")
    planned = Inspection.objects.filter(status=InspectionStatus.PLANNED).select_related(
        "body", "inspector"
    )
    return (
        Certificate.objects.filter(pk__in=ever_overseen)
        .select_related("holder", "programme__scheme", "programme__subject", "production_unit")
        .annotate(
            last_visit=Max(
                "inspections__visited_on",
                filter=Q(inspections__status__in=VISITED, inspections__visited_on__lte=day),
            ),
            last_body_id=Subquery(visits.values("body_id")[:1]),
            last_inspector_id=Subquery(visits.values("inspector_id")[:1]),
        )
        .prefetch_related(
            "status_periods",
            "sanctions",
            Prefetch(
                "inspections",
                queryset=planned.order_by("planned_on", "id"),
                to_attr="open_inspections",
            ),
        )
        .order_by("number")
    )


def _frequencies(programme_ids: set[int], day: date) -> Frequencies:
    """(minimum, maximum) a year per programme on `day`, as `inspection_frequency_on` says.

    One query for all programmes; the result primes the cache that
    `inspections_per_year_on` takes, so that it asks nothing more.
    """
    rows = (
        DocumentVersion.objects.filter(
            valid_from__lte=day,
            inspections_min_per_year__isnull=False,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .order_by("document__kind", "document__number")
        .values_list("document__programmes", "inspections_min_per_year", "inspections_max_per_year")
    )
    result: Frequencies = {(programme, day): None for programme in programme_ids}
    for programme, low, high in rows:
        # The first regulation in the order of `Programme.versions_on` sets the frequency.
        if programme in programme_ids and low is not None and result[(programme, day)] is None:
            result[(programme, day)] = (low, high or low)
    return result


@dataclass(frozen=True)
class _People:
    # Looked up with the annotated ids, which are None for a file never visited.
    bodies: dict[int | None, InspectionBody]
    inspectors: dict[int | None, User]


def _people(files: list[Overseen]) -> _People:
    """The bodies and inspectors of the files' last visits, in two queries."""
    body_ids = {f.last_body_id for f in files} - {None}
    user_ids = {f.last_inspector_id for f in files} - {None}
    return _People(
        InspectionBody.objects.in_bulk(body_ids) if body_ids else {},
        User.objects.in_bulk(user_ids) if user_ids else {},
    )


def _contracted_bodies() -> dict[int, InspectionBody]:
    """For each programme, the first active body (by name) that inspects for it."""
    links = (
        InspectionBody.programmes.through.objects.filter(inspectionbody__active=True)
        .select_related("inspectionbody")
        .order_by("inspectionbody__name", "inspectionbody_id")
    )
    first: dict[int, InspectionBody] = {}
    for link in links:
        first.setdefault(link.programme_id, link.inspectionbody)
    return first


def _oversight_start(certificate: Certificate, day: date) -> date:
    """The first day of the unbroken run of oversight statuses that covers `day`."""
    start: date | None = None
    for segment in certificate.timeline:
        if segment.start > day:
            break
        # A run broken by another status starts again.
        start = (start or segment.start) if segment.status in UNDER_OVERSIGHT else None
    return start or day


def _due(
    certificate: Overseen,
    day: date,
    frequencies: Frequencies,
    people: _People,
    contracted: dict[int, InspectionBody],
) -> DueInspection:
    last_visit: date | None = certificate.last_visit
    since = last_visit or _oversight_start(certificate, day)
    per_year = inspections_per_year_on(certificate, day, frequencies=frequencies)
    due_on = since + timedelta(days=365 // per_year) if per_year else None
    open_inspections: list[Inspection] = certificate.open_inspections
    planned = open_inspections[0] if open_inspections else None
    body, inspector = _responsible(certificate, planned, people, contracted)
    return DueInspection(
        certificate=certificate,
        per_year=per_year,
        last_visit=last_visit,
        since=since,
        due_on=due_on,
        overdue=due_on is not None and due_on < day,
        body=body,
        inspector=inspector,
        planned=planned,
    )


def _responsible(
    certificate: Overseen,
    planned: Inspection | None,
    people: _People,
    contracted: dict[int, InspectionBody],
) -> tuple[InspectionBody | None, User | None]:
    """Who does the next inspection: as planned, else as last time, else a contracted body."""
    if planned is not None:
        return planned.body, planned.inspector
    last_body = people.bodies.get(certificate.last_body_id)
    if last_body is not None:
        return last_body, people.inspectors.get(certificate.last_inspector_id)
    return contracted.get(certificate.programme_id), None


def by_body(items: Iterable[DueInspection]) -> dict[InspectionBody | None, list[DueInspection]]:
    """The items per responsible body (by name; files without a body last)."""
    return _group(items, lambda item: item.body)


def by_inspector(items: Iterable[DueInspection]) -> dict[User | None, list[DueInspection]]:
    """The items per responsible inspector (by name; files without an inspector last)."""
    return _group(items, lambda item: item.inspector)


def _group(
    items: Iterable[DueInspection], key: Callable[[DueInspection], K | None]
) -> dict[K | None, list[DueInspection]]:
    groups: dict[K | None, list[DueInspection]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return dict(sorted(groups.items(), key=lambda g: (g[0] is None, str(g[0] or ""))))
