"""How the registry's answers are put on a page: status timelines and datasheet standing."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.certification.timeline import Segment, segment_on
from qualimark.datasheets.models import Datasheet, DatasheetState, DatasheetStatus, DatasheetVersion

# The colour family of a status on the page (always shown together with its words).
_TONE = {
    Status.CERTIFIED: "good",
    Status.TRIAL: "caution",
    Status.SUSPENDED: "bad",
    Status.WITHDRAWN: "bad",
    Status.RENOUNCED: "bad",
    Status.EXPIRED: "bad",
    Status.NOT_GRANTED: "bad",
}


def tone(status: Status | None) -> str:
    return _TONE.get(status, "neutral") if status is not None else "neutral"


@dataclass(frozen=True)
class TimelineRow:
    """One status held from `start` up to and including `last_day` (None: still so)."""

    label: str
    tone: str
    start: date
    end: date | None
    version: DatasheetVersion | None = None
    superseded_by: Datasheet | None = None

    @property
    def last_day(self) -> date | None:
        # Segments end on the first day of what follows; people read the last day held.
        return self.end - timedelta(days=1) if self.end is not None else None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def certificate_timeline(certificate: Certificate) -> list[TimelineRow]:
    return [
        TimelineRow(str(Status(s.status).label), tone(s.status), s.start, s.end)
        for s in certificate.timeline
    ]


def datasheet_timeline(
    datasheet: Datasheet, replacements: dict[int, Datasheet]
) -> list[TimelineRow]:
    versions = {version.pk: version for version in datasheet.versions.all()}
    rows = []
    for segment in datasheet.timeline:
        state = segment.status
        rows.append(
            TimelineRow(
                str(DatasheetStatus(state.status).label),
                "good" if state.status == DatasheetStatus.PUBLISHED else "bad",
                segment.start,
                segment.end,
                version=versions.get(state.version_id) if state.version_id else None,
                superseded_by=replacements.get(state.superseded_by_id)
                if state.superseded_by_id
                else None,
            )
        )
    return rows


def replacements_of(datasheet: Datasheet) -> dict[int, Datasheet]:
    """The datasheets that ever superseded `datasheet`, by id, in one query."""
    ids = {s.status.superseded_by_id for s in datasheet.timeline if s.status.superseded_by_id}
    return {d.pk: d for d in Datasheet.objects.filter(pk__in=ids)} if ids else {}


@dataclass(frozen=True)
class Standing:
    """A datasheet on a day: valid or not, in words, with the version then in force."""

    valid: bool
    label: str
    tone: str
    version: DatasheetVersion | None


def standing(datasheet: Datasheet, certificate_status: Status | None, day: date) -> Standing:
    """Valid while published and not withdrawn or superseded *and* its certificate is valid."""
    segment: Segment[DatasheetState] | None = segment_on(datasheet.timeline, day)
    if segment is None:
        return Standing(False, _("not yet published"), "neutral", None)
    versions = {version.pk: version for version in datasheet.versions.all()}
    version = versions.get(segment.status.version_id) if segment.status.version_id else None
    state = segment.status.status
    if state != DatasheetStatus.PUBLISHED:
        return Standing(False, str(DatasheetStatus(state).label), "bad", version)
    if certificate_status == Status.CERTIFIED:
        return Standing(True, _("valid"), "good", version)
    reason = Status(certificate_status).label if certificate_status else _("not yet certified")
    return Standing(
        False, _("not valid: certificate %(status)s") % {"status": reason}, "bad", version
    )
