"""`qualimark rebuild_verification`: write the verification model again from the history."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from qualimark.bulk import analyze
from qualimark.verification.projection import BATCH, rebuild


class Command(BaseCommand):
    help = _(
        "Write the verification model again from the registry's status history (after a bulk "
        "load, or to repair it); the change feed keeps it otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH,
            help=_("Files read per query (default %(default)s)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        written = rebuild(batch_size=max(1, options["batch_size"]), say=self.stdout.write)
        analyze()
        self.stdout.write(
            self.style.SUCCESS(
                _("Verification model rebuilt: %(rows)s codes in %(seconds).1f s.")
                % {"rows": f"{written:,}", "seconds": time.perf_counter() - started}
            )
        )
