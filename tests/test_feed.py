"""The change feed: every change of what the registry says is one row, appended in the
change's own transaction, and the projectors of the settings follow it there."""

from datetime import date
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import DatasheetVersion
from qualimark.datasheets.services import (
    create_datasheet,
    publish_datasheet_version,
    supersede_datasheet,
    withdraw_datasheet,
)
from qualimark.errors import DomainError
from qualimark.feed import services as feed
from qualimark.feed.models import Change
from qualimark.parties.models import Organisation
from qualimark.search.models import SearchEntry

SEEN: list[tuple[str, str]] = []


def remember(change: Change, obj: models.Model) -> None:
    """A projector for the test: it notes what it is given."""
    SEEN.append((change.kind, str(obj)))


@pytest.fixture
def watched(settings: Any) -> Any:
    settings.QUALIMARK_PROJECTORS = [*settings.QUALIMARK_PROJECTORS, f"{__name__}.remember"]
    feed.projectors.cache_clear()
    SEEN.clear()
    yield
    feed.projectors.cache_clear()


def test_a_decision_appends_one_change_with_its_public_code(
    watched: None, in_trial: Certificate, decision_maker: User
) -> None:
    before = Change.objects.count()
    SEEN.clear()  # what the fixtures did
    certification.grant_certificate(
        in_trial, by=decision_maker, reason="Trial passed.", expires_on=date(2029, 3, 16)
    )
    change = Change.objects.order_by("pk").last()
    assert change is not None
    assert Change.objects.count() == before + 1
    assert (change.kind, change.codes, change.data["to"]) == (
        "certificate.decision",
        [in_trial.number],
        "certified",
    )
    assert [("certificate.decision", str(in_trial))] == SEEN


def test_a_refused_decision_leaves_no_change(
    watched: None, application: Certificate, decision_maker: User
) -> None:
    before = Change.objects.count()
    SEEN.clear()
    with pytest.raises(DomainError):
        certification.grant_certificate(application, by=decision_maker, reason="Too early.")
    assert Change.objects.count() == before
    assert SEEN == []


def test_the_search_index_follows_the_feed(
    application: Certificate, file_manager: User, holder_member: User
) -> None:
    """A file enters the public index with its trial period, through the feed's projector."""
    assert not SearchEntry.objects.filter(certificate=application).exists()
    certification.admit_application(application, by=file_manager, reason="Complete.")
    certification.start_trial_period(application, by=file_manager, reason="Trial.")
    kinds = list(Change.objects.order_by("pk").values_list("kind", "data__to"))
    assert kinds[-2:] == [("certificate.decision", "admissible"), ("certificate.decision", "trial")]
    assert SearchEntry.objects.filter(certificate=application).exists()


def test_a_published_datasheet_is_a_change_of_its_quick_code(
    certified: Certificate, file_manager: User
) -> None:
    datasheet = create_datasheet(
        certified,
        by=file_manager,
        product_name="Geotextile",
        trade_name="GeoTex 200",
        characteristics=[],
    )
    version = DatasheetVersion.objects.get(datasheet=datasheet)
    publish_datasheet_version(version, by=file_manager)
    change = Change.objects.order_by("pk").last()
    assert change is not None
    assert (change.kind, change.codes) == ("datasheet.published", [datasheet.quick_code])


def test_a_lagging_reader_keeps_its_own_cursor(in_trial: Certificate) -> None:
    """Open data and alerts read from where they stopped, and say how far they are."""
    start = Change.objects.order_by("pk").last()
    assert start is not None
    feed.move("open-data", start.pk)
    assert feed.read_from("open-data") == []
    feed.move("open-data", start.pk - 1)
    assert [change.pk for change in feed.read_from("open-data")] == [start.pk]


def test_a_withdrawal_and_a_supersession_are_changes_of_the_codes_they_touch(
    certified: Certificate, file_manager: User
) -> None:
    sheets = []
    for name in ("GeoTex 200", "GeoTex 300"):
        datasheet = create_datasheet(
            certified, by=file_manager, product_name=name, trade_name=name, characteristics=[]
        )
        publish_datasheet_version(datasheet.versions.get(), by=file_manager)
        sheets.append(datasheet)
    old, new = sheets
    supersede_datasheet(old, by=file_manager, replacement=new, reason="Range renewed.")
    withdraw_datasheet(new, by=file_manager, reason="No longer made.")
    changes = list(Change.objects.order_by("-pk").values_list("kind", "codes")[:2])
    assert changes == [
        ("datasheet.withdrawn", [new.quick_code]),
        ("datasheet.superseded", [old.quick_code, new.quick_code]),
    ]


def test_a_holder_renamed_by_the_administrator_is_a_change(
    client: Client, holder: Organisation
) -> None:
    admin = User.objects.create_superuser("root@copro.example", "pw")
    client.force_login(admin)
    url = reverse("admin:parties_organisation_change", args=(holder.pk,))
    form = client.get(url).context["adminform"].form
    data = {**{k: v for k, v in form.initial.items() if v is not None}, "name": "Geotex Benelux"}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    data.update(
        {
            "production_units-TOTAL_FORMS": "0",
            "production_units-INITIAL_FORMS": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    change = Change.objects.get(kind="organisation.changed")
    assert (change.object_id, change.data["fields"]) == (holder.pk, ["name"])
