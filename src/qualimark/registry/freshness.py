"""When the public registry last changed: the basis of ETag and Last-Modified headers.

Every change that the registry shows is journalled in the same transaction (see
`journal.services.record`), so the newest journal entry dates the registry as a whole.
"""

from datetime import datetime

from qualimark.journal.models import JournalEntry


def last_change() -> datetime | None:
    return JournalEntry.objects.order_by("-at").values_list("at", flat=True).first()


def version() -> str:
    """A token that changes with every journalled change (ids, unlike times, never tie)."""
    newest = JournalEntry.objects.order_by("-id").values_list("id", "at").first()
    return f"{newest[0]}@{newest[1].isoformat()}" if newest else "-"
