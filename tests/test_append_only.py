"""The journal and the status history cannot be changed or deleted through the ORM."""

from collections.abc import Callable
from typing import Any

import pytest

from qualimark.certification.models import Certificate, Decision, StatusPeriod
from qualimark.datasheets.models import DatasheetStatusPeriod
from qualimark.journal.models import JournalEntry
from qualimark.records import AppendOnlyError

Attempt = Callable[[Any], object]

ATTEMPTS: dict[str, Attempt] = {
    "save an existing row": lambda row: row.save(),
    "delete a row": lambda row: row.delete(),
    "update through a queryset": lambda row: type(row).objects.filter(pk=row.pk).update(pk=row.pk),
    "delete through a queryset": lambda row: type(row).objects.filter(pk=row.pk).delete(),
    "bulk update": lambda row: type(row).objects.bulk_update([row], ["pk"]),
}


@pytest.mark.parametrize("attempt", list(ATTEMPTS))
@pytest.mark.parametrize("model", [JournalEntry, StatusPeriod, Decision])
def test_kept_records_refuse_every_change(
    certified: Certificate, attempt: str, model: type[Any]
) -> None:
    row = model.objects.order_by("id").first()
    before = list(model.objects.order_by("id").values())

    with pytest.raises(AppendOnlyError):
        ATTEMPTS[attempt](row)

    assert list(model.objects.order_by("id").values()) == before


def test_datasheet_history_refuses_changes_too(db: None) -> None:
    with pytest.raises(AppendOnlyError):
        DatasheetStatusPeriod.objects.all().delete()


def test_deleting_a_certificate_with_history_is_refused(certified: Certificate) -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        certified.delete()
    assert StatusPeriod.objects.filter(certificate=certified).exists()
