"""`qualimark demo`: a working registry on this machine in one command.

Migrates the database, loads the demo data if the registry is empty, gives the demo's
logins (one per role, `demo.logins`) a fresh password and serves the site with Django's
development server.
"""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils.translation import gettext as _

from qualimark.accounts.models import User
from qualimark.demo.generator import RegistryNotEmpty, generate
from qualimark.demo.logins import (
    ADMIN_EMAIL,
    Login,
    Side,
    demo_logins,
    demo_password,
    give_password,
)
from qualimark.demo.management.commands.demo_data import report


class Command(BaseCommand):
    help = _("Migrate, load the demo data into an empty registry and serve the demo site.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--addr", default="127.0.0.1:8000", help=_("Address and port to serve on.")
        )
        parser.add_argument(
            "--no-serve", action="store_true", help=_("Prepare everything but do not serve.")
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help=_("Size of the demo data (default 1).")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            # The demo resets the passwords of its logins (the administrator's too) and runs
            # the development server: neither belongs on a production database.
            raise CommandError(
                _("The demo runs only with QUALIMARK_DEBUG=1 (it is not for production).")
            )
        call_command("migrate", interactive=False, verbosity=0, stdout=self.stdout)
        try:
            summary = generate(options["scale"], stdout=self.stdout)
        except RegistryNotEmpty:
            self.stdout.write(_("The registry already holds data: the demo data is not loaded."))
        else:
            report(self, summary)
        # The open-data page offers the export's files: the demo shows them from the start.
        call_command("export_open_data", stdout=self.stdout)
        _ensure_administrator()
        logins = demo_logins()
        password = demo_password()  # new on every run, shown once
        give_password(logins, password)
        self._print_logins(options["addr"], logins, password)
        if not options["no_serve"]:
            call_command("runserver", options["addr"], use_reloader=False)

    def _print_logins(self, addr: str, logins: list[Login], password: str) -> None:
        site = f"http://{addr}"
        self.stdout.write(
            self.style.SUCCESS(
                _("Admin: %(site)s/admin/  login %(email)s / %(password)s")
                % {"site": site, "email": ADMIN_EMAIL, "password": password}
            )
        )
        self.stdout.write(
            _("Demo logins, one per role, all with the password %(password)s: open %(url)s")
            % {"password": password, "url": site + reverse("signin:login")}
        )
        sides = {Side.PORTAL: _("holder portal"), Side.OFFICE: _("back-office")}
        for login in logins:
            self.stdout.write(
                f"  {str(login.role).capitalize()}: {login.user.email} ({sides[login.side]})"
            )


def _ensure_administrator() -> None:
    """The demo administrator (a superuser), made on the first run; the password comes next."""
    user = User.objects.filter(email=ADMIN_EMAIL).first()
    if user is None:
        User.objects.create_superuser(ADMIN_EMAIL, None, first_name="Demo", last_name="Admin")
    else:
        user.is_active = user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_active", "is_staff", "is_superuser"])
