"""What falls due by date, applied once a day (the `qualimark daily` command, from cron).

Each step finds everything due on or before the day that it has not handled yet, so the
run is idempotent (a second run finds nothing) and safe to run late (a run after a few
missed days catches up on all of them, each on its own date):

- suspensions with an end date and expiries: the status history already holds them (the
  decision that set them wrote the dated rows); the run notes each one once, so that the
  file manager sees what ended (`certification.lapses`);
- comment windows whose 5 working days have passed: the report goes to evaluation;
- corrective actions past their due date: a proposed next step for the file manager (the
  system never sanctions on its own);
- the statuses the search index keeps that stopped holding today, because of one of the
  changes by date above or a decision dated in the future (`search.statuses`);
- e-mails whose sending failed and are due again (`notifications.outbox.send_pending`).
"""

from dataclasses import dataclass
from datetime import date

from qualimark import clock
from qualimark.certification.lapses import note_lapses
from qualimark.certification.models import Lapse
from qualimark.notifications.outbox import SendRun, send_pending
from qualimark.oversight.evaluation import flag_overdue_corrective_actions
from qualimark.oversight.models import Inspection
from qualimark.oversight.reports import close_comment_windows
from qualimark.parties.roles import system_actor
from qualimark.sanctions.models import Proposal
from qualimark.search.statuses import refresh_due


@dataclass(frozen=True)
class DailyRun:
    day: date
    lapses: list[Lapse]
    closed_windows: list[Inspection]
    overdue_actions: list[Proposal]
    search_statuses: int  # search entries whose kept statuses were written again
    mail: SendRun

    @property
    def changed_anything(self) -> bool:
        return bool(self.lapses or self.closed_windows or self.overdue_actions)


def run_daily(day: date | None = None) -> DailyRun:
    """Apply everything due on or before `day` (today) that no earlier run applied.

    The system does it by itself, as its named actor (`parties.roles.system_actor()`).
    """
    day = day or clock.today()
    system = system_actor()
    return DailyRun(
        day=day,
        lapses=note_lapses(day),
        closed_windows=close_comment_windows(day, by=system),
        overdue_actions=flag_overdue_corrective_actions(day, by=system),
        search_statuses=refresh_due(day),
        # Last, so that the e-mails the steps above queued go out in this run as well.
        mail=send_pending(),
    )
