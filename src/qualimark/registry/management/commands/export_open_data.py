"""`qualimark export-open-data [--dir DIR] [--on DATE]`: write the open-data files."""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.registry.opendata import export_open_data


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("%(value)s is not a date (YYYY-MM-DD).") % {"value": value}) from None


class Command(BaseCommand):
    help = _(
        "Write the whole public registry as CSV and JSON Lines files with a manifest, "
        "replacing the previous export atomically."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dir",
            type=Path,
            default=None,
            help=_("Directory to write to (default: QUALIMARK_OPEN_DATA_DIR)."),
        )
        parser.add_argument(
            "--on",
            type=str,
            default=None,
            help=_("The date the statuses are read for (default: today)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = clock.now()
        on = _day(options["on"]) if options["on"] else None
        summary = export_open_data(options["dir"], on=on)
        seconds = (clock.now() - started).total_seconds()
        self.stdout.write(
            _(
                "Open data as of %(day)s (up to change %(change)s of the registry) written to "
                "%(dir)s in %(seconds).1f s."
            )
            % {
                "day": summary.day.isoformat(),
                "change": summary.feed_position,
                "dir": summary.directory,
                "seconds": seconds,
            }
        )
        for info in summary.files:
            self.stdout.write(f"  {info.name}: {info.rows:,} ({info.size:,} B)")
