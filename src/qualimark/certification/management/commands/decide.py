"""`qualimark decide BENOR-000123 suspend --as marc@cb.example --reason "…"`: decide from a shell.

The same service as the back-office button and the API (`certification.services.take_decision`),
which decides itself whether the person may take the decision. A refusal is a message and
exit code 1, never a traceback.
"""

from argparse import ArgumentTypeError
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.lifecycle import LIFECYCLE, Status, Transition
from qualimark.certification.models import Certificate
from qualimark.certification.services import take_decision
from qualimark.errors import DomainError, NotVisible

# The decisions a person takes: an application opens a file; an annulment follows an appeal.
CHOICES = [t.value for t in LIFECYCLE.rules]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(
            _("%(text)s is not a date written YYYY-MM-DD.") % {"text": text}
        ) from None


def _user(email: str) -> User:
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise CommandError(_("No active user has the e-mail address %(email)s.") % {"email": email})
    return user


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Translated when the command is loaded (argparse takes no lazy string).
        self.help = _(
            "Take a decision on a certification file as a named user, with the same rules "
            "as the back-office and the API."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("number", help=_("The certificate number, e.g. BENOR-000123."))
        parser.add_argument("transition", choices=CHOICES, help=_("The decision to take."))
        parser.add_argument(
            "--as", dest="actor", required=True, help=_("The e-mail address of who decides.")
        )
        parser.add_argument("--reason", required=True, help=_("Why (for the decision letter)."))
        parser.add_argument(
            "--effective", type=_day, help=_("From when, YYYY-MM-DD (default today).")
        )
        parser.add_argument(
            "--until", type=_day, help=_("Suspension only: the day it ends by itself.")
        )
        parser.add_argument(
            "--expires-on", type=_day, help=_("Grant or renewal: the new expiry date.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = _user(options["actor"])
        transition = Transition(options["transition"])
        number = "".join(options["number"].split()).upper()
        no_file = _("%(user)s has no file with the number %(number)s.") % {
            "user": user.email,
            "number": options["number"],
        }
        # A number no file can have is refused before the query (PostgreSQL refuses a NUL).
        readable = 0 < len(number) <= 40 and number.isprintable()
        certificate = Certificate.objects.filter(number=number).first() if readable else None
        if certificate is None:
            raise CommandError(no_file)
        try:
            decision = take_decision(
                certificate,
                transition,
                by=user,
                reason=options["reason"],
                effective=options["effective"],
                until=options["until"],
                expires_on=options["expires_on"],
            )
        except NotVisible:
            raise CommandError(no_file) from None
        except DomainError as error:
            raise CommandError(error.message) from None
        status = Certificate.objects.get(pk=certificate.pk).status_on(clock.today())
        self.stdout.write(
            self.style.SUCCESS(
                _("%(number)s: %(action)s, effective %(date)s. Status today: %(status)s.")
                % {
                    "number": certificate.number,
                    "action": transition.label,
                    "date": date_format(decision.effective),
                    "status": Status(status).label if status else "–",
                }
            )
        )
