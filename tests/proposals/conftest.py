"""States of datasheet proposals, each reached through the services."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets import proposals
from qualimark.datasheets.models import Datasheet, DatasheetProposal
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version

NEW_VALUES = [
    {"name": "tensile strength (MD)", "value": "42", "unit": "kN/m"},
]
CHARACTERISTICS = [
    {"name": "mass per unit area", "value": "200", "unit": "g/m²"},
    {"name": "polymer", "value": "PP", "unit": ""},
]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.QUALIMARK_PUBLIC_URL = "https://registry.example"
    mail.outbox = []


@pytest.fixture
def proposer(invited_member: User, holder_member: User) -> User:
    """Jan Maes (invited user, reads French) proposes; An Peeters administers the account."""
    invited_member.language = "fr"
    invited_member.save(update_fields=["language"])
    return invited_member


@pytest.fixture
def proposal(certified: Certificate, proposer: User) -> DatasheetProposal:
    return proposals.propose_datasheet(
        certified,
        by=proposer,
        product_name="Nonwoven geotextile 200 g/m²",
        trade_name="GeoTex NW 200",
        characteristics=CHARACTERISTICS,
    )


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    """A published datasheet of the certificate, version 1."""
    sheet = create_datasheet(
        certified,
        by=file_manager,
        product_name="Woven geotextile",
        trade_name="GeoTex W 40",
        characteristics=[{"name": "tensile strength (MD)", "value": "40", "unit": "kN/m"}],
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager)
    return sheet
