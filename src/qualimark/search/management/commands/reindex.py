"""`qualimark reindex`: rebuild the search index from the registry."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from qualimark.bulk import analyze
from qualimark.search.indexing import BATCH, rebuild_index


class Command(BaseCommand):
    help = _("Rebuild the search index of the public registry from the registry's records.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH,
            help=_("Objects read per query (default %(default)s)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        counts = rebuild_index(batch_size=max(1, options["batch_size"]), say=self.stdout.write)
        analyze()  # a rebuilt index is a table loaded anew
        self.stdout.write(
            self.style.SUCCESS(
                _("Search index rebuilt: %(entries)s entries in %(seconds).1f s.")
                % {"entries": f"{sum(counts.values()):,}", "seconds": time.perf_counter() - started}
            )
        )
