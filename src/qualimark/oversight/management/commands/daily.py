"""`qualimark daily`: apply what falls due by date; meant to run once a day from cron."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark.oversight.daily import run_daily


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Translated when the command is loaded, not when its module is imported (argparse
        # takes no lazy string).
        self.help = _(
            "Apply what falls due by date: ends of suspensions, expiries, closing of comment "
            "windows, overdue corrective actions. Idempotent; catches up when run late."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run = run_daily()
        for lapse in run.lapses:
            self.stdout.write(
                _("%(number)s: %(what)s on %(date)s")
                % {
                    "number": lapse.certificate.number,
                    "what": lapse.get_kind_display(),
                    "date": date_format(lapse.on),
                }
            )
        for inspection in run.closed_windows:
            self.stdout.write(
                _("Report %(reference)s: comment window closed (deadline %(date)s)")
                % {
                    "reference": inspection.reference,
                    "date": date_format(inspection.comment_deadline or run.day),
                }
            )
        for proposal in run.overdue_actions:
            self.stdout.write(
                _("%(number)s: proposed next step: %(text)s")
                % {"number": proposal.certificate.number, "text": proposal.text}
            )
        if run.search_statuses:
            self.stdout.write(
                _("Search: the statuses of %(count)d entries written again for today.")
                % {"count": run.search_statuses}
            )
        self.stdout.write(
            _(
                "%(day)s: %(lapses)d changes by date noted, %(windows)d comment windows "
                "closed, %(actions)d overdue corrective actions proposed."
            )
            % {
                "day": date_format(run.day),
                "lapses": len(run.lapses),
                "windows": len(run.closed_windows),
                "actions": len(run.overdue_actions),
            }
        )
