"""The last inspection of every file under oversight, written in bulk for the demo.

Without them every file would look overdue since the start of its oversight, years ago.
Each file gets one evaluated inspection without remarks, at a point of its inspection
interval drawn so that most are on time, some due within the month and a few overdue,
as a real planning looks. The rows are those the services would have written: the
inspection planned by the file manager a week ahead, the visit and its finding, the
report sent the next working day with its 5 working days for comments, the evaluation
by the reviewer, the involvements of inspector and reviewer in the file, and the journal
entries of each step (the report's e-mails are not written, so neither is their delivery).
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from random import Random

from django.db import transaction

from qualimark import bulk
from qualimark.accounts.models import User
from qualimark.certification.lifecycle import UNDER_OVERSIGHT
from qualimark.certification.models import (
    Certificate,
    Involvement,
    InvolvementRole,
    NumberSequence,
)
from qualimark.certification.timeline import segment_on
from qualimark.demo.rows import BATCH, JournalRow, Staff, journal_entries, moment
from qualimark.journal.models import JournalEntry
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import (
    Evaluation,
    Finding,
    FindingKind,
    Inspection,
    InspectionBody,
    Measure,
)
from qualimark.oversight.planning import Site, inspection_reference
from qualimark.oversight.reports import comment_deadline, report_recipients
from qualimark.parties.models import Organisation
from qualimark.schemes.models import Programme
from qualimark.workdays import add_working_days

SUMMARY = "Onaangekondigd bezoek: productie, laboratorium en registers."


class Bodies:
    """The demo's inspection bodies, their inspectors and programmes read once."""

    def __init__(self, bodies: list[InspectionBody]) -> None:
        self.all = bodies
        self._crews = {body.pk: list(body.inspectors.order_by("id")) for body in bodies}
        self._programmes = {
            body.pk: set(body.programmes.values_list("pk", flat=True)) for body in bodies
        }

    def for_programme(self, programme: Programme) -> InspectionBody | None:
        """The body that inspects for `programme`: a contracted one first, then our own."""
        for body in self.all[1:] + self.all[:1]:
            if self._crews[body.pk] and programme.pk in self._programmes[body.pk]:
                return body
        return None

    def crew(self, body: InspectionBody) -> list[User]:
        return self._crews[body.pk]

    def inspector_for(self, body: InspectionBody, certificate: Certificate) -> User:
        """The inspector of `body` who visits `certificate`, the same on every visit."""
        crew = self._crews[body.pk]
        return crew[certificate.pk % len(crew)]


@dataclass(frozen=True)
class Visit:
    certificate: Certificate
    body: InspectionBody
    inspector: User
    on: date


def write_last_inspections(
    rng: Random, day: date, bodies: Bodies, staff: Staff, *, skip: set[int]
) -> None:
    """One evaluated inspection per file under oversight on `day` but those in `skip`."""
    visits = sorted(_visits(rng, day, bodies, skip), key=lambda v: (v.on, v.certificate.pk))
    references = _references(visits)
    recipients: dict[int, list[str]] = {}
    for start in range(0, len(visits), BATCH):
        chunk = visits[start : start + BATCH]
        _write(rng, chunk, references[start : start + BATCH], staff, recipients)


def _visits(rng: Random, day: date, bodies: Bodies, skip: set[int]) -> Iterator[Visit]:
    frequencies: dict[int, int | None] = {}
    files = Certificate.objects.select_related("programme", "holder").prefetch_related(
        "status_periods"
    )
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
        per_year, body = frequencies[programme.pk], bodies.for_programme(programme)
        if not per_year or body is None:
            continue
        interval = 365 // per_year
        # Mostly within the interval; one file in eight is late.
        since = int(interval * rng.uniform(0.2, 1.0 if rng.random() > 0.125 else 1.3))
        on = max(day - timedelta(days=since), segment.start)
        yield Visit(certificate, body, bodies.inspector_for(body, certificate), on)


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
        references.append(inspection_reference(visit.on.year, next_serial[visit.on.year]))
        next_serial[visit.on.year] += 1
    return references


@transaction.atomic
def _write(
    rng: Random,
    visits: list[Visit],
    references: list[str],
    staff: Staff,
    recipients: dict[int, list[str]],
) -> None:
    inspections = [
        _inspection(rng, visit, reference)
        for visit, reference in zip(visits, references, strict=True)
    ]
    bulk.insert(Inspection, inspections)
    findings = [
        Finding(
            inspection=inspection,
            kind=FindingKind.CONFORMITY,
            observation="Fabriekscontrole en registers in orde.",
        )
        for inspection in inspections
    ]
    bulk.insert(Finding, findings)
    evaluations = [
        Evaluation(
            inspection=inspection,
            evaluated_by=staff.reviewer,
            evaluated_at=moment(rng, add_working_days(_deadline(visit), 1)),
            measure=Measure.NONE,
            note="Geen opmerkingen.",
        )
        for visit, inspection in zip(visits, inspections, strict=True)
    ]
    bulk.insert(Evaluation, evaluations)
    journal: list[JournalRow] = []
    involvements: list[tuple[Certificate, User, InvolvementRole, datetime]] = []
    for visit, inspection, finding, evaluation in zip(
        visits, inspections, findings, evaluations, strict=True
    ):
        visited_at = moment(rng, visit.on, (9, 15))
        to = _recipients(visit.certificate.holder, recipients)
        journal += _steps(inspection, finding, evaluation, visited_at, staff, to)
        involvements += [
            (visit.certificate, visit.inspector, InvolvementRole.INSPECTOR, visited_at),
            (visit.certificate, staff.reviewer, InvolvementRole.EVALUATOR, evaluation.evaluated_at),
        ]
    journal += _involvements(involvements)
    bulk.insert(JournalEntry, journal_entries(journal))


def _sent_on(visit: Visit) -> date:
    return add_working_days(visit.on, 1)


def _deadline(visit: Visit) -> date:
    return comment_deadline(_sent_on(visit))


def _inspection(rng: Random, visit: Visit, reference: str) -> Inspection:
    return Inspection(
        reference=reference,
        certificate=visit.certificate,
        body=visit.body,
        inspector=visit.inspector,
        planned_on=visit.on,
        status=InspectionStatus.EVALUATED,
        visited_on=visit.on,
        report_summary=SUMMARY,
        report_sent_at=moment(rng, _sent_on(visit), (9, 12)),
        comment_deadline=_deadline(visit),
        created_at=moment(rng, visit.on - timedelta(days=7)),
    )


def _recipients(holder: Organisation, known: dict[int, list[str]]) -> list[str]:
    if holder.pk not in known:
        known[holder.pk] = [r.email for r in report_recipients(holder)]
    return known[holder.pk]


def _steps(
    inspection: Inspection,
    finding: Finding,
    evaluation: Evaluation,
    visited_at: datetime,
    staff: Staff,
    recipients: list[str],
) -> list[JournalRow]:
    """The journal entries of `plan_inspection`, `carry_out_inspection`, `add_finding`,
    `send_report` and `evaluate_report` (which closes the comment window first)."""
    inspector = inspection.inspector
    assert inspection.report_sent_at is not None  # set by `_inspection`
    planned = {
        "certificate": inspection.certificate.number,
        "body": inspection.body.name,
        "inspector": inspector.pk,
        "planned_on": inspection.planned_on,
        "unannounced": inspection.unannounced,
        "site": asdict(Site()),
    }
    finding_added = {"finding": finding.pk, "kind": finding.kind, "requirement": None, "clause": ""}
    sent = {
        "recipients": recipients,
        "sent_at": inspection.report_sent_at,
        "comment_deadline": inspection.comment_deadline,
    }
    evaluated = {
        "evaluation": evaluation.pk,
        "measure": evaluation.measure,
        "conclusions": {},
        "corrective_actions": [],
        "proposals": [],
        "note": evaluation.note,
    }
    closed = {"deadline": inspection.comment_deadline}
    at = evaluation.evaluated_at
    return [
        (inspection.created_at, staff.file_manager, "inspection.planned", inspection, planned),
        (
            visited_at,
            inspector,
            "inspection.carried_out",
            inspection,
            {"visited_on": visited_at.date(), "inspector": inspector.pk},
        ),
        (visited_at, inspector, "inspection.finding_added", inspection, finding_added),
        (inspection.report_sent_at, staff.file_manager, "inspection.report_sent", inspection, sent),
        (at, None, "inspection.comment_window_closed", inspection, closed),
        (at, staff.reviewer, "inspection.evaluated", inspection, evaluated),
    ]


def _involvements(
    wanted: list[tuple[Certificate, User, InvolvementRole, datetime]],
) -> list[JournalRow]:
    """The involvements `record_involvement` would add (none twice), with their entries."""
    known = set(
        Involvement.objects.filter(certificate_id__in={c.pk for c, *_rest in wanted}).values_list(
            "certificate_id", "person_id", "role"
        )
    )
    involvements, journal = [], []
    for certificate, person, role, since in sorted(wanted, key=lambda row: row[3]):
        if (certificate.pk, person.pk, role) in known:
            continue
        known.add((certificate.pk, person.pk, role))
        involvements.append(
            Involvement(certificate=certificate, person=person, role=role, since=since)
        )
        row: JournalRow = (since, person, "certificate.involvement", certificate, {"role": role})
        journal.append(row)
    bulk.insert(Involvement, involvements)
    return journal
