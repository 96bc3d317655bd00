"""`qualimark send-mail`: send the e-mails that are due (first tries and retries); for cron."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from qualimark.notifications.outbox import send_pending


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Translated when the command is loaded (argparse takes no lazy string).
        self.help = _("Send the e-mails that are due, retrying those that failed before.")

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_pending()
        self.stdout.write(
            _("%(sent)d e-mails sent, %(retrying)d to retry later, %(failed)d given up.")
            % {"sent": run.sent, "retrying": run.retrying, "failed": run.failed}
        )
