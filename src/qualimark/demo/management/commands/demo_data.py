"""`qualimark demo-data --scale N --seed S`: fill an empty registry with demo data."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark.demo.generator import InvalidScale, RegistryNotEmpty, Summary, generate


class Command(BaseCommand):
    help = _(
        "Fill an empty registry with the demo data of a Belgian certification body "
        "(scale 1: about 500 production units and 8,000 datasheets)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help=_("Size relative to one CB (default 1).")
        )
        parser.add_argument(
            "--seed", type=int, default=1, help=_("The same seed always gives the same data.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] > 1
        try:
            summary = generate(
                options["scale"], options["seed"], stdout=self.stdout if verbose else None
            )
        except (RegistryNotEmpty, InvalidScale) as error:
            raise CommandError(str(error)) from None
        report(self, summary)


def report(command: BaseCommand, summary: Summary) -> None:
    """Print what was generated: rows per table, files per status, and the time it took."""
    out = command.stdout
    out.write(
        _("Demo data generated in %(seconds).1f s (scale %(scale)s, seed %(seed)s).")
        % {"seconds": summary.seconds, "scale": summary.scale, "seed": summary.seed}
    )
    for model, count in summary.counts.items():
        out.write(f"  {str(model._meta.verbose_name_plural).capitalize()}: {count:,}")
    out.write(
        _("Files by status on %(day)s (the date the demo history runs to):")
        % {"day": date_format(summary.anchor, "DATE_FORMAT")}
    )
    for status, count in sorted(summary.statuses.items(), key=lambda item: -item[1]):
        out.write(f"  {status.label}: {count:,}")
