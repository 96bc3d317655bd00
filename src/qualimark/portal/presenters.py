"""How a holder's files are put on the portal's pages: status badges and deadlines."""

from dataclasses import dataclass
from datetime import date, timedelta

from qualimark.certification.lifecycle import Status
from qualimark.oversight.models import Inspection
from qualimark.schemes.models import Programme
from qualimark.workdays import is_working_day

# The colour family of a status (always shown together with its words).
_TONE = {
    Status.APPLIED: "neutral",
    Status.ADMISSIBLE: "neutral",
    Status.TRIAL: "caution",
    Status.CERTIFIED: "good",
    Status.SUSPENDED: "bad",
    Status.WITHDRAWN: "bad",
    Status.RENOUNCED: "bad",
    Status.EXPIRED: "bad",
    Status.NOT_GRANTED: "bad",
    Status.REJECTED: "bad",
    Status.APPLICATION_WITHDRAWN: "bad",
}

# The statuses of a file that is still on its way to a certificate.
APPLICATION_STAGES = frozenset({Status.APPLIED, Status.ADMISSIBLE, Status.TRIAL})


def tone(status: Status | str | None) -> str:
    return _TONE.get(Status(status), "neutral") if status else "neutral"


def programme_label(programme: Programme) -> str:
    """ "BENOR – Geotextiles": the mark and what it certifies, in the reader's language."""
    return f"{programme.scheme.name} – {programme.subject.name}"


def last_valid_day(expires_on: date | None) -> date | None:
    """The last day of validity of a certificate (`expires_on` is the first day without)."""
    return expires_on - timedelta(days=1) if expires_on is not None else None


@dataclass(frozen=True)
class CommentWindow:
    """Whether the holder may still comment on a report, until when, and how long is left."""

    deadline: date | None
    open: bool
    working_days_left: int

    @property
    def last_day(self) -> bool:
        return self.open and self.working_days_left == 0


def comment_window(inspection: Inspection, today: date) -> CommentWindow:
    """The comment window of `inspection` as seen on `today`.

    The days left are the working days after today up to the deadline: on the day the
    report is sent that is the full 5, and on the deadline itself none but today.
    """
    deadline = inspection.comment_deadline
    is_open = inspection.comment_window_open(today)
    left = 0
    if is_open and deadline is not None:
        day = today + timedelta(days=1)
        while day <= deadline:
            left += is_working_day(day)
            day += timedelta(days=1)
    return CommentWindow(deadline, is_open, left)
