"""Reference data edited in the admin is journalled, and so refreshes the public caches."""

from django.test import Client

from qualimark.accounts.models import User
from qualimark.journal.models import JournalEntry
from qualimark.journal.services import record
from qualimark.schemes.models import Scheme


def test_editing_a_mark_in_the_admin_is_journalled_and_changes_the_api_etag(
    client: Client, decision_maker: User, benor: Scheme
) -> None:
    decision_maker.is_superuser = True
    decision_maker.save(update_fields=["is_superuser"])
    client.force_login(decision_maker)
    record("scheme.seen", benor, actor=None)  # the registry has a history before the edit
    before = client.get("/api/v1/schemes")["ETag"]

    answer = client.post(
        f"/admin/schemes/scheme/{benor.pk}/change/",
        {"code": "BENOR", "name": "BENOR", "owner": "NBN", "kind": "product"},
    )

    assert answer.status_code == 302
    entry = JournalEntry.objects.get(action="scheme.changed")
    assert (entry.actor, entry.object_repr, entry.data) == (
        decision_maker,
        "BENOR",
        {"fields": ["owner"]},
    )
    assert client.get("/api/v1/schemes")["ETag"] != before
