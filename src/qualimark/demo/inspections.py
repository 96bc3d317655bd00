"""The last inspection of every file under oversight, written in bulk for the demo.

Without them every file would look overdue since the start of its oversight, years ago.
Each file gets one evaluated inspection without remarks, at a point of its inspection
interval drawn so that most are on time, some due within the month and a few overdue,
as a real planning looks. The rows are those the services would have written: the
report sent the next working day, its 5 working days for comments, the evaluation by
the reviewer, and the inspector's involvement in the file.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from django.db import transaction

from qualimark.accounts.models import User
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import (
    Certificate,
    Involvement,
    InvolvementRole,
    NumberSequence,
)
from qualimark.certification.timeline import segment_on
from qualimark.demo.rows import BATCH, moment
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import (
    Evaluation,
    Finding,
    FindingKind,
    Inspection,
    InspectionBody,
    Measure,
)
from qualimark.oversight.reports import comment_deadline
from qualimark.schemes.models import Programme
from qualimark.workdays import add_working_days

UNDER_OVERSIGHT = frozenset({Status.TRIAL, Status.CERTIFIED, Status.SUSPENDED})


@dataclass(frozen=True)
class Visit:
    certificate: Certificate
    body: InspectionBody
    inspector: User
    on: date


def write_last_inspections(
    rng: Random, day: date, bodies: list[InspectionBody], reviewer: User, *, skip: set[int]
) -> int:
    """One evaluated inspection per file under oversight on `day` but those in `skip`."""
    visits = sorted(_visits(rng, day, bodies, skip), key=lambda v: (v.on, v.certificate.pk))
    references = _references(visits)
    written = 0
    for start in range(0, len(visits), BATCH):
        chunk = visits[start : start + BATCH]
        _write(rng, chunk, references[start : start + BATCH], reviewer)
        written += len(chunk)
    return written


def _visits(
    rng: Random, day: date, bodies: list[InspectionBody], skip: set[int]
) -> Iterator[Visit]:
    inspectors = {body.pk: list(body.inspectors.order_by("id")) for body in bodies}
    bodies_of: dict[int, InspectionBody | None] = {}
    frequencies: dict[int, int | None] = {}
    files = Certificate.objects.select_related("programme").prefetch_related("status_periods")
    for certificate in files.order_by("id").iterator(chunk_size=2000):
        if certificate.pk in skip:
            continue
        segment = segment_on(certificate.timeline, day)
        if segment is None or segment.status not in UNDER_OVERSIGHT:
            continue
        programme = certificate.programme
        if programme.pk not in frequencies:
            frequency = programme.inspection_frequency_on(day)
            frequencies[programme.pk] = frequency[0] if frequency else None
            bodies_of[programme.pk] = _body(programme, bodies, inspectors)
        per_year, body = frequencies[programme.pk], bodies_of[programme.pk]
        if not per_year or body is None:
            continue
        interval = 365 // per_year
        # Mostly within the interval; one file in eight is late.
        since = int(interval * rng.uniform(0.2, 1.0 if rng.random() > 0.125 else 1.3))
        on = max(day - timedelta(days=since), segment.start)
        crew = inspectors[body.pk]
        yield Visit(certificate, body, crew[certificate.pk % len(crew)], on)


def _body(
    programme: Programme, bodies: list[InspectionBody], inspectors: dict[int, list[User]]
) -> InspectionBody | None:
    for body in bodies[1:] + bodies[:1]:  # the contracted bodies first, then our own
        if inspectors[body.pk] and body.programmes.filter(pk=programme.pk).exists():
            return body
    return None


@transaction.atomic
def _references(visits: list[Visit]) -> list[str]:
    """References in each year's series, which the services then continue."""
    per_year = Counter(visit.on.year for visit in visits)
    next_serial: dict[int, int] = {}
    for year, count in per_year.items():
        sequence, _created = NumberSequence.objects.select_for_update().get_or_create(
            name=f"inspection-{year}"
        )
        next_serial[year] = sequence.last + 1
        sequence.last += count
        sequence.save(update_fields=["last"])
    references = []
    for visit in visits:
        references.append(f"{visit.on.year}-{next_serial[visit.on.year]:05d}")
        next_serial[visit.on.year] += 1
    return references


@transaction.atomic
def _write(rng: Random, visits: list[Visit], references: list[str], reviewer: User) -> None:
    inspections = []
    for visit, reference in zip(visits, references, strict=True):
        sent_on = add_working_days(visit.on, 1)
        inspections.append(
            Inspection(
                reference=reference,
                certificate=visit.certificate,
                body=visit.body,
                inspector=visit.inspector,
                planned_on=visit.on,
                status=InspectionStatus.EVALUATED,
                visited_on=visit.on,
                report_summary="Onaangekondigd bezoek: productie, laboratorium en registers.",
                report_sent_at=moment(rng, sent_on, (9, 12)),
                comment_deadline=comment_deadline(sent_on),
                created_at=moment(rng, visit.on - timedelta(days=7)),
            )
        )
    Inspection.objects.bulk_create(inspections, batch_size=BATCH)
    saved = Inspection.objects.filter(reference__in=references)
    Finding.objects.bulk_create(
        (
            Finding(
                inspection=inspection,
                kind=FindingKind.CONFORMITY,
                observation="Fabriekscontrole en registers in orde.",
            )
            for inspection in saved
        ),
        batch_size=BATCH,
    )
    Evaluation.objects.bulk_create(
        (
            Evaluation(
                inspection=inspection,
                evaluated_by=reviewer,
                evaluated_at=moment(rng, add_working_days(inspection.comment_deadline, 1)),
                measure=Measure.NONE,
                note="Geen opmerkingen.",
            )
            for inspection in saved
            if inspection.comment_deadline is not None
        ),
        batch_size=BATCH,
    )
    _involvements(visits, reviewer)


def _involvements(visits: list[Visit], reviewer: User) -> None:
    wanted = {(v.certificate.pk, v.inspector.pk, InvolvementRole.INSPECTOR) for v in visits}
    wanted |= {(v.certificate.pk, reviewer.pk, InvolvementRole.EVALUATOR) for v in visits}
    known = set(
        Involvement.objects.filter(
            certificate_id__in={v.certificate.pk for v in visits}
        ).values_list("certificate_id", "person_id", "role")
    )
    since = {v.certificate.pk: moment(Random(v.certificate.pk), v.on) for v in visits}
    Involvement.objects.bulk_create(
        (
            Involvement(certificate_id=c, person_id=p, role=role, since=since[c])
            for c, p, role in sorted(wanted - known)
        ),
        batch_size=BATCH,
    )
