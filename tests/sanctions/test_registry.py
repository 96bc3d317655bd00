"""Sanctions as the public registry shows them: the verify page and the API, by date."""

from datetime import date

from django.test import Client

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.sanctions.models import SanctionKind
from qualimark.sanctions.services import impose_sanction, revoke_sanction


def _page(client: Client, code: str, on: str) -> str:
    response = client.get(f"/en/?code={code}&on={on}")
    assert response.status_code == 200
    return response.content.decode()


def _api(client: Client, code: str, on: str) -> str:
    response = client.get(f"/api/v1/verify/{code}?on={on}", headers={"accept-language": "en"})
    assert response.status_code == 200
    outcome: str = response.json()["outcome"]
    return outcome


def test_a_suspension_with_an_end_date_shows_on_the_registry_for_its_period_only(
    client: Client, certified: Certificate, datasheet: Datasheet, decision_maker: User
) -> None:
    impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Major nonconformity not corrected.",
        effective=date(2026, 3, 20),
        until=date(2026, 5, 1),
    )

    assert ">NOT VALID<" in _page(client, datasheet.quick_code, "2026-04-15")
    assert ">VALID<" in _page(client, datasheet.quick_code, "2026-03-19")
    assert ">VALID<" in _page(client, datasheet.quick_code, "2026-05-01")
    answers = [_api(client, datasheet.quick_code, day) for day in ("2026-03-19", "2026-04-15")]
    assert answers == ["valid", "suspended"]


def test_stricter_oversight_and_warnings_do_not_change_what_the_registry_says(
    client: Client, certified: Certificate, datasheet: Datasheet, decision_maker: User
) -> None:
    impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late reply.")
    impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Repeated minor nonconformities.",
        inspections_per_year=8,
    )

    assert _api(client, datasheet.quick_code, "2026-03-16") == "valid"
    assert _api(client, certified.number, "2026-03-16") == "valid"


def test_a_withdrawal_annulled_on_appeal_shows_valid_on_every_day(
    client: Client,
    certified: Certificate,
    datasheet: Datasheet,
    decision_maker: User,
    appeals_officer: User,
) -> None:
    withdrawal = impose_sanction(
        certified,
        SanctionKind.WITHDRAWAL,
        by=decision_maker,
        reason="Mark used on untested lots.",
        effective=date(2026, 3, 2),
    )
    assert _api(client, datasheet.quick_code, "2026-03-10") == "withdrawn"

    revoke_sanction(withdrawal, by=appeals_officer, reason="Appeal B-2026-0001 annulled it.")

    assert _api(client, datasheet.quick_code, "2026-03-10") == "valid"
    assert ">VALID<" in _page(client, certified.number, "2026-03-10")
    assert _api(client, datasheet.quick_code, "2026-03-16") == "valid"
    assert ">VALID<" in _page(client, certified.number, "2026-03-16")
