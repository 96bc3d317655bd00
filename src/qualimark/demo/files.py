"""Certification files and their datasheets, with every row the services would have written.

Files are written in chunks (a few thousand datasheets with their files, decisions,
versions, status rows and journal entries), each in one transaction, and then let go:
memory stays flat however many datasheets the scale asks for.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from random import Random
from typing import Any

from django.db import models, reset_queries, transaction
from django.utils.translation import gettext as _

from qualimark import bulk
from qualimark.certification.lifecycle import Transition
from qualimark.certification.models import Certificate, Decision, Evidence, StatusPeriod
from qualimark.certification.services import certificate_number
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetStatus,
    DatasheetStatusPeriod,
    DatasheetVersion,
)
from qualimark.demo import wording
from qualimark.demo.catalogue import SUBJECTS, SubjectSpec
from qualimark.demo.codes import QuickCodes
from qualimark.demo.histories import ANCHOR, History, Written, history
from qualimark.demo.holders import Holders
from qualimark.demo.planning import FilePlan
from qualimark.demo.rows import JournalRow, Staff, days, journal_entries, moment
from qualimark.demo.sheets import SheetPlan, plan_sheets
from qualimark.journal.models import JournalEntry
from qualimark.schemes.models import DocumentVersion, Programme

CHUNK_SHEETS = 5000  # datasheets per transaction, with everything that goes with them
CHUNK_FILES = 1000
# Decisions of the body; the holder's own acts (applying, withdrawing an application,
# renouncing) and the admissibility steps are recorded by the file manager.
BY_DECISION_MAKER = frozenset(
    {
        Transition.GRANT,
        Transition.REFUSE,
        Transition.SUSPEND,
        Transition.LIFT,
        Transition.WITHDRAW,
        Transition.EXPIRE,
        Transition.RENEW,
    }
)


@dataclass
class Chunk:
    """The rows of a run of files, written together in one transaction."""

    certificates: list[Certificate] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    decision_documents: list[models.Model] = field(default_factory=list)
    periods: list[StatusPeriod] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    datasheets: list[Datasheet] = field(default_factory=list)
    versions: list[DatasheetVersion] = field(default_factory=list)
    sheet_periods: list[DatasheetStatusPeriod] = field(default_factory=list)
    journal: list[JournalRow] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return len(self.datasheets) >= CHUNK_SHEETS or len(self.certificates) >= CHUNK_FILES

    def save(self) -> None:
        """Insert the rows, parents first: `bulk.insert` gives each object its id."""
        tables: list[tuple[type[models.Model], list[Any]]] = [
            (Certificate, self.certificates),
            (Decision, self.decisions),
            (Decision.document_versions.through, self.decision_documents),
            (StatusPeriod, self.periods),
            (Evidence, self.evidence),
            (Datasheet, self.datasheets),
            (DatasheetVersion, self.versions),
            (DatasheetStatusPeriod, self.sheet_periods),
        ]
        with transaction.atomic():
            for model, objects in tables:
                bulk.insert(model, objects)
            bulk.insert(JournalEntry, journal_entries(self.journal))
        reset_queries()  # with DEBUG on, Django keeps the SQL of every query: megabytes here


class FileWriter:
    def __init__(
        self,
        *,
        seed: int,
        staff: Staff,
        programmes: list[Programme],
        holders: Holders,
        quick_codes: QuickCodes,
        sheet_mean: float,
        say: Callable[[str], None],
    ) -> None:
        self.seed, self.staff, self.holders = seed, staff, holders
        self.programmes = programmes
        self.labels = [str(programme) for programme in programmes]
        self.quick_codes, self.sheet_mean, self.say = quick_codes, sheet_mean, say
        self.sheets_made = 0
        self.documents = _documents_of(programmes)

    def write(self, files: list[FilePlan]) -> None:
        chunk = Chunk()
        for number, file in enumerate(files, start=1):
            self._file(chunk, file)
            if chunk.full:
                chunk.save()
                chunk = Chunk()
                self.say(
                    _("%(files)s of %(total)s files, %(datasheets)s datasheets written.")
                    % {"files": number, "total": len(files), "datasheets": self.sheets_made}
                )
        chunk.save()

    def _file(self, chunk: Chunk, file: FilePlan) -> None:
        rng = file.random(self.seed)
        story = history(rng, file.target, file.validity_years)
        programme = self.programmes[file.subject]
        certificate = Certificate(
            number=certificate_number(programme, file.serial),
            holder_id=self.holders.ids[file.holder],
            programme=programme,
            production_unit_id=None if file.unit is None else self.holders.unit_ids[file.unit],
            applied_on=story.applied_on,
            expires_on=story.expires_on,
            created_at=moment(rng, story.applied_on, (8, 12)),
        )
        chunk.certificates.append(certificate)
        previous = certificate.created_at
        for written in story.decisions:
            previous = self._decision(chunk, rng, certificate, written, file, previous)
        if file.unit is not None and story.granted_on is not None:
            self._datasheets(chunk, rng, certificate, story, file)

    def _in_force(self, programme: int, day: date) -> list[int]:
        """The versions in force on `day`, as `Programme.versions_on` finds them."""
        return [
            version
            for version, start, end in self.documents.get(programme, [])
            if start <= day and (end is None or end >= day)
        ]

    def _decision(
        self,
        chunk: Chunk,
        rng: Random,
        certificate: Certificate,
        written: Written,
        file: FilePlan,
        previous: datetime,
    ) -> datetime:
        """Add one decision as `_decide` writes it; return when it was decided."""
        language = self.holders.languages[file.holder]
        staff = self.staff
        by = staff.decision_maker if written.transition in BY_DECISION_MAKER else staff.file_manager
        if written.transition == Transition.APPLY:
            at, reason = certificate.created_at, _("Application received.")
        else:
            at = max(moment(rng, written.effective), previous + timedelta(minutes=1))
            reason = wording.reason(rng, written.transition, language)
        decision = Decision(
            certificate=certificate,
            transition=written.transition,
            from_status=written.from_status or "",
            to_status=written.to_status,
            effective=written.effective,
            until=written.until,
            expires_on=written.expires_on,
            decided_by=by,
            decided_at=at,
            reason=reason,
        )
        chunk.decisions.append(decision)
        chunk.decision_documents += [
            Decision.document_versions.through(decision=decision, documentversion_id=version)
            for version in self._in_force(certificate.programme_id, written.effective)
        ]
        chunk.periods += [
            StatusPeriod(
                certificate=certificate,
                decision=decision,
                status=segment.status,
                valid_from=segment.start,
                valid_until=segment.end,
            )
            for segment in written.segments
        ]
        report = written.effective - days(rng.randint(3, 20))
        described = wording.evidence(written.transition, language, report)
        if described:
            chunk.evidence.append(Evidence(decision=decision, description=described))
        data: dict[str, Any]
        if written.transition == Transition.APPLY:
            data = {
                "holder": certificate.holder_id,
                "programme": self.labels[file.subject],
                "production_unit": certificate.production_unit_id,
                "applied_on": written.effective,
            }
            chunk.journal.append((at, by, "certificate.applied", certificate, data))
            return at
        data = {
            "decision": decision,
            "from": decision.from_status,
            "to": decision.to_status,
            "effective": written.effective,
            "until": written.until,
            "expires_on": written.expires_on,
            "reason": reason,
            "evidence": [described] if described else [],
        }
        chunk.journal.append((at, by, f"certificate.{written.transition.value}", certificate, data))
        return at

    def _sheet_count(self, rng: Random, spec: SubjectSpec) -> int:
        # Log-normal: most files have a handful of datasheets, a few (asphalt plants) many.
        sigma = 0.9
        mean = max(self.sheet_mean * spec.sheets, 0.5)
        return max(1, min(400, round(rng.lognormvariate(math.log(mean) - sigma**2 / 2, sigma))))

    def _datasheets(
        self, chunk: Chunk, rng: Random, certificate: Certificate, story: History, file: FilePlan
    ) -> None:
        spec = SUBJECTS[file.subject]
        assert story.granted_on is not None
        plans = plan_sheets(
            rng,
            spec,
            brand=self.holders.brands[file.holder],
            language=self.holders.languages[file.holder],
            count=self._sheet_count(rng, spec),
            granted=story.granted_on,
            last_day=min(story.closes_on - days(1), ANCHOR),
        )
        sheets = []
        for sheet_plan in plans:
            code = self.quick_codes(self.sheets_made, legacy=sheet_plan.legacy)
            self.sheets_made += 1
            sheet = Datasheet(
                certificate=certificate,
                quick_code=code,
                quick_code_legacy=sheet_plan.legacy,
                product_name=sheet_plan.product_name,
                created_at=moment(rng, sheet_plan.created_on, (8, 12)),
            )
            sheets.append(sheet)
            data = {
                "certificate": certificate.number,
                "quick_code": code,
                "legacy": sheet_plan.legacy,
            }
            by = self.staff.file_manager
            chunk.journal.append((sheet.created_at, by, "datasheet.created", sheet, data))
        chunk.datasheets += sheets
        for sheet, sheet_plan in zip(sheets, plans, strict=True):
            self._versions(chunk, rng, sheet, sheet_plan)
            self._ending(chunk, rng, sheet, sheet_plan, sheets)

    def _versions(self, chunk: Chunk, rng: Random, sheet: Datasheet, sheet_plan: SheetPlan) -> None:
        by = self.staff.file_manager
        for planned in sheet_plan.versions:
            first = planned.number == 1
            version = DatasheetVersion(
                datasheet=sheet,
                number=planned.number,
                trade_name=planned.trade_name,
                characteristics=planned.characteristics,
                created_at=sheet.created_at if first else moment(rng, planned.created_on, (8, 12)),
                created_by=by,
            )
            chunk.versions.append(version)
            data: dict[str, Any] = {"version": version.number}
            if not first:
                chunk.journal.append(
                    (version.created_at, by, "datasheet.version_added", sheet, data)
                )
            if planned.published_on is None:
                continue
            at = moment(rng, planned.published_on, (13, 16))
            chunk.sheet_periods.append(
                DatasheetStatusPeriod(
                    datasheet=sheet,
                    status=DatasheetStatus.PUBLISHED,
                    version=version,
                    valid_from=planned.published_on,
                    recorded_at=at,
                    recorded_by=by,
                )
            )
            data = {"version": version.number, "effective": planned.published_on}
            chunk.journal.append((at, by, "datasheet.published", sheet, data))

    def _ending(
        self,
        chunk: Chunk,
        rng: Random,
        sheet: Datasheet,
        sheet_plan: SheetPlan,
        sheets: list[Datasheet],
    ) -> None:
        ending = sheet_plan.ending
        if ending is None:
            return
        by = self.staff.file_manager
        at = moment(rng, ending.effective, (16, 18))  # after that day's publications
        replacement = None if ending.replacement is None else sheets[ending.replacement]
        chunk.sheet_periods.append(
            DatasheetStatusPeriod(
                datasheet=sheet,
                status=ending.status,
                superseded_by=replacement,
                valid_from=ending.effective,
                recorded_at=at,
                recorded_by=by,
                reason=ending.reason,
            )
        )
        data: dict[str, Any] = {"effective": ending.effective, "reason": ending.reason}
        if replacement is None:
            chunk.journal.append((at, by, "datasheet.withdrawn", sheet, data))
        else:
            data = {"by": replacement.quick_code, **data}
            chunk.journal.append((at, by, "datasheet.superseded", sheet, data))


def _documents_of(programmes: list[Programme]) -> dict[int, list[tuple[int, date, date | None]]]:
    """Each programme's document versions with their validity (read once, for every file)."""
    found: dict[int, list[tuple[int, date, date | None]]] = {p.pk: [] for p in programmes}
    rows = DocumentVersion.objects.filter(document__programmes__in=programmes).values_list(
        "document__programmes", "pk", "valid_from", "valid_until"
    )
    for programme, version, start, end in rows:
        if programme in found:
            found[programme].append((version, start, end))
    return found
