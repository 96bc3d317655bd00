"""`qualimark serve`: the production server (see `qualimark.serving`)."""

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from qualimark.serving import DEFAULT, SERVERS, Server, default_workers


class Command(BaseCommand):
    help = _(
        "Serve Qualimark as in production: granian (or gunicorn) with one process per core "
        "and persistent database connections. Put an HTTPS proxy in front of it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help=_("Address to listen on."))
        parser.add_argument("--port", type=int, default=8000, help=_("Port to listen on."))
        parser.add_argument(
            "--workers", type=int, default=default_workers(), help=_("Server processes.")
        )
        parser.add_argument("--server", choices=SERVERS, default=DEFAULT)

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["port"] <= 65535 or not 1 <= options["workers"] <= 256:
            raise CommandError(_("The port must be 1–65535 and the workers 1–256."))
        argv = Server(options["server"], options["workers"]).argv(options["port"], options["host"])
        # The server replaces this process: signals and exit status are its own.
        os.execv(argv[0], argv)
