"""The change feed: every change of what the registry says is one row, appended in the
change's own transaction, and the projectors of the settings follow it there."""

from datetime import date
from typing import Any

import pytest
from django.db import models

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import DatasheetVersion
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.errors import DomainError
from qualimark.feed import services as feed
from qualimark.feed.models import Change
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
