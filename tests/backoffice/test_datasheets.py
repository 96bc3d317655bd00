"""Datasheets in the office: the file's list, each datasheet's page, and the steps that keep it."""

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import proposals
from qualimark.datasheets import services as datasheets
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetProposal,
    DatasheetStatus,
    DatasheetStatusPeriod,
)
from qualimark.datasheets.quickcodes import format_code
from qualimark.journal.models import JournalEntry
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation, TieKind
from qualimark.parties.ties import declare_tie
from qualimark.verification.verify import Outcome, verify

from .conftest import TODAY, SignIn

ROWS = {
    "characteristics-0-name": "Tensile strength",
    "characteristics-0-value": "12.5",
    "characteristics-0-unit": "kN/m",
    "characteristics-0-method": "EN ISO 10319",
    "characteristics-1-name": "Mass per unit area",
    "characteristics-1-value": "200",
    "characteristics-1-unit": "g/m²",
    "characteristics-2-name": "Water permeability",
    "characteristics-2-value": "0.08",
    "characteristics-2-unit": "m/s",
    "characteristics-2-class": "A",
}


@pytest.fixture
def draft(certified: Certificate, file_manager: User) -> Datasheet:
    """Geotex's nonwoven: created, its first version not yet published."""
    return datasheets.create_datasheet(
        certified,
        by=file_manager,
        product_name="Nonwoven geotextile 200 g/m²",
        trade_name="TerraSep 200",
        characteristics=[{"name": "Tensile strength", "value": "12", "unit": "kN/m"}],
    )


@pytest.fixture
def published(draft: Datasheet, file_manager: User) -> Datasheet:
    """The same datasheet, its first version published on 10 February."""
    datasheets.publish_datasheet_version(
        draft.versions.get(), by=file_manager, effective=date(2026, 2, 10)
    )
    return draft


def page_url(datasheet: Datasheet) -> str:
    return reverse("backoffice:datasheet", args=(datasheet.quick_code,))


def step_url(datasheet: Datasheet, step: str) -> str:
    return reverse("backoffice:datasheet-step", args=(datasheet.quick_code, step))


def file_url(certificate: Certificate) -> str:
    return reverse("backoffice:file", args=(certificate.number,))


def new_url(certificate: Certificate) -> str:
    return reverse("backoffice:datasheet-new", args=(certificate.number,))


def steps_offered(client: Client, datasheet: Datasheet) -> set[str]:
    response = client.get(page_url(datasheet))
    assert response.status_code == 200
    text = response.content.decode()
    if 'data-testid="datasheet-steps"' not in text:
        return set()
    buttons = text.split('data-testid="datasheet-steps"')[1].split("</ul>")[0]
    prefix = page_url(datasheet)
    return {part.split('"')[0].strip("/") for part in buttons.split(f'href="{prefix}')[1:]}


def changes() -> tuple[int, int, int]:
    """What a step writes: datasheets, status rows, journal entries."""
    return (
        Datasheet.objects.count(),
        DatasheetStatusPeriod.objects.count(),
        JournalEntry.objects.count(),
    )


# The file's list --------------------------------------------------------------------------


def test_the_file_page_lists_its_datasheets_with_status_and_latest_version(
    sign_in: SignIn, file_manager: User, published: Datasheet
) -> None:
    datasheets.add_datasheet_version(
        published, by=file_manager, trade_name="TerraSep 200 Plus", characteristics=[]
    )
    response = sign_in(file_manager).get(file_url(published.certificate))
    text = response.content.decode()
    table = text.split('data-testid="datasheets"')[1].split("</table>")[0]
    assert f'<a href="{page_url(published)}">{format_code(published.quick_code)}</a>' in table
    assert "Nonwoven geotextile 200 g/m²" in table
    assert ">published<" in table
    assert "Version 2: TerraSep 200 Plus" in table
    assert f'href="{new_url(published.certificate)}"' in text


@pytest.mark.parametrize("persona", ["decision_maker", "reviewer", "auditor"])
def test_who_may_not_prepare_a_datasheet_is_not_offered_to_create_one(
    request: pytest.FixtureRequest, sign_in: SignIn, persona: str, certified: Certificate
) -> None:
    client = sign_in(request.getfixturevalue(persona))
    page = client.get(file_url(certified))
    assert page.status_code == 200
    assert new_url(certified) not in page.content.decode()
    assert client.get(new_url(certified)).status_code == 403
    response = client.post(new_url(certified), {"product_name": "X", "trade_name": "X", **ROWS})
    assert response.status_code == 403
    assert not Datasheet.objects.exists()


def test_a_closed_file_offers_no_new_datasheet_and_its_service_says_why(
    sign_in: SignIn, file_manager: User, decision_maker: User, certified: Certificate
) -> None:
    certification.withdraw_certificate(certified, by=decision_maker, reason="Misuse of the mark.")
    client = sign_in(file_manager)
    assert new_url(certified) not in client.get(file_url(certified)).content.decode()
    response = client.post(new_url(certified), {"product_name": "X", "trade_name": "X"})
    assert response.status_code == 200
    assert f"File {certified.number} is closed: it cannot get new datasheets." in (
        response.content.decode()
    )
    assert not Datasheet.objects.exists()


def test_the_file_page_costs_the_same_for_many_datasheets(
    sign_in: SignIn,
    file_manager: User,
    certified: Certificate,
    django_assert_max_num_queries: Any,
) -> None:
    def make(count: int) -> None:
        for number in range(count):
            sheet = datasheets.create_datasheet(
                certified, by=file_manager, product_name=f"Product {number}", trade_name="T"
            )
            datasheets.add_datasheet_version(
                sheet, by=file_manager, trade_name="T2", characteristics=[]
            )
            datasheets.publish_datasheet_version(sheet.versions.get(number=1), by=file_manager)

    client = sign_in(file_manager)
    make(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(file_url(certified)).status_code == 200
    make(24)
    with django_assert_max_num_queries(len(one)):
        response = client.get(file_url(certified))
    assert response.content.decode().count("Version 2: T2") == 25


# Creating one ------------------------------------------------------------------------------


def test_a_file_manager_creates_a_datasheet_with_its_characteristics(
    sign_in: SignIn, file_manager: User, certified: Certificate
) -> None:
    client = sign_in(file_manager)
    form = client.get(new_url(certified))
    assert form.status_code == 200
    assert b'name="characteristics-0-name"' in form.content
    response = client.post(
        new_url(certified),
        {"product_name": "Woven geotextile", "trade_name": "TerraWeave 50", **ROWS},
        follow=True,
    )
    created = Datasheet.objects.get(certificate=certified)
    assert response.redirect_chain[-1][0] == page_url(created)
    text = response.content.decode()
    assert f"Datasheet {format_code(created.quick_code)} is created as a draft" in text
    assert "Version 1: TerraWeave 50" in text
    assert "<td>EN ISO 10319</td>" in text
    version = created.versions.get()
    assert [row["name"] for row in version.characteristics] == [
        "Tensile strength",
        "Mass per unit area",
        "Water permeability",
    ]
    assert version.characteristics[2]["class"] == "A"
    assert created.state_on(TODAY).status == DatasheetStatus.DRAFT
    assert JournalEntry.objects.filter(action="datasheet.created", actor=file_manager).exists()


def test_a_characteristic_without_its_value_is_a_form_error(
    sign_in: SignIn, file_manager: User, certified: Certificate
) -> None:
    response = sign_in(file_manager).post(
        new_url(certified),
        {
            "product_name": "Woven geotextile",
            "trade_name": "TerraWeave 50",
            "characteristics-0-name": "Tensile strength",
        },
    )
    assert response.status_code == 200
    assert b"Nothing was recorded:" in response.content
    assert b"Row 1 needs a characteristic and its declared value." in response.content
    assert not Datasheet.objects.exists()


def test_a_legacy_quick_code_in_use_is_refused_with_the_service_message(
    sign_in: SignIn, file_manager: User, draft: Datasheet
) -> None:
    before = changes()
    response = sign_in(file_manager).post(
        new_url(draft.certificate),
        {"product_name": "Copy", "trade_name": "Copy", "legacy_quick_code": draft.quick_code},
    )
    assert response.status_code == 200
    assert f"Quick code {draft.quick_code} is already in use." in response.content.decode()
    assert changes() == before


# Its page and its steps ----------------------------------------------------------------------


def test_a_file_manager_publishes_a_version_and_the_registry_shows_it(
    sign_in: SignIn, file_manager: User, draft: Datasheet
) -> None:
    client = sign_in(file_manager)
    assert steps_offered(client, draft) == {"add-version", "publish"}
    public = reverse("public:datasheet", args=(draft.quick_code,))
    assert public not in client.get(page_url(draft)).content.decode()

    response = client.post(
        step_url(draft, "publish"),
        {"version": draft.versions.get().pk, "effective": TODAY.isoformat()},
        follow=True,
    )
    assert b"The version is published" in response.content
    assert verify(draft.quick_code).outcome == Outcome.VALID
    assert f'href="{public}"' in response.content.decode()
    assert steps_offered(client, draft) == {"add-version", "withdraw", "supersede"}


def test_a_new_version_starts_from_the_last_one_and_waits_to_be_published(
    sign_in: SignIn, file_manager: User, published: Datasheet
) -> None:
    client = sign_in(file_manager)
    form = client.get(step_url(published, "add-version"))
    assert b'value="TerraSep 200"' in form.content
    assert b'value="Tensile strength"' in form.content

    client.post(
        step_url(published, "add-version"),
        {
            "trade_name": "TerraSep 200 Plus",
            "characteristics-0-name": "Tensile strength",
            "characteristics-0-value": "14",
            "characteristics-0-unit": "kN/m",
        },
    )
    assert [v.number for v in published.versions.order_by("number")] == [1, 2]
    assert "publish" in steps_offered(client, published)
    page = client.get(page_url(published)).content.decode()
    assert "Version 2: TerraSep 200 Plus" in page
    assert "in force today" in page.split("Version 2:")[1]  # version 1, further down
    assert verify(published.quick_code).outcome == Outcome.VALID


def test_a_file_manager_withdraws_and_supersedes_through_the_pages(
    sign_in: SignIn, file_manager: User, published: Datasheet, certified: Certificate
) -> None:
    successor = datasheets.create_datasheet(
        certified, by=file_manager, product_name="Nonwoven 250", trade_name="TerraSep 250"
    )
    other = datasheets.create_datasheet(
        certified, by=file_manager, product_name="Nonwoven 100", trade_name="TerraSep 100"
    )
    for sheet in (successor, other):
        datasheets.publish_datasheet_version(sheet.versions.get(), by=file_manager)
    client = sign_in(file_manager)

    superseded = client.post(
        step_url(published, "supersede"),
        {
            "replacement": format_code(successor.quick_code),
            "reason": "New range.",
            "effective": TODAY.isoformat(),
        },
        follow=True,
    )
    withdrawn = client.post(
        step_url(other, "withdraw"),
        {"reason": "Product discontinued.", "effective": TODAY.isoformat()},
        follow=True,
    )

    assert b"is superseded from the date given" in superseded.content
    assert f"Superseded by {format_code(successor.quick_code)}" in superseded.content.decode()
    assert b"Product discontinued." in withdrawn.content
    assert verify(published.quick_code).outcome == Outcome.SUPERSEDED
    assert verify(other.quick_code).outcome == Outcome.DATASHEET_WITHDRAWN
    assert verify(successor.quick_code).valid
    assert steps_offered(client, published) == set()


def test_withdrawing_a_draft_shows_the_service_message_and_records_nothing(
    sign_in: SignIn, file_manager: User, draft: Datasheet
) -> None:
    client = sign_in(file_manager)
    assert "withdraw" not in steps_offered(client, draft)
    before = changes()
    response = client.post(
        step_url(draft, "withdraw"), {"reason": "Never made.", "effective": TODAY.isoformat()}
    )
    assert response.status_code == 200
    assert b"Nothing was recorded:" in response.content
    assert b"only possible when it is published" in response.content
    assert changes() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"replacement": "0000 0000"}, "No datasheet has quick code 00000000."),
        ({"effective": "16/13/2026"}, "Enter a valid date."),
    ],
)
def test_bad_input_to_supersede_is_a_form_error(
    sign_in: SignIn, file_manager: User, published: Datasheet, fields: dict[str, str], message: str
) -> None:
    before = changes()
    data = {"replacement": published.quick_code, "effective": TODAY.isoformat(), **fields}
    response = sign_in(file_manager).post(step_url(published, "supersede"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert changes() == before


def test_a_version_published_before_the_last_change_is_refused_with_the_reason(
    sign_in: SignIn, file_manager: User, published: Datasheet
) -> None:
    version = datasheets.add_datasheet_version(
        published, by=file_manager, trade_name="v2", characteristics=[]
    )
    before = changes()
    response = sign_in(file_manager).post(
        step_url(published, "publish"), {"version": version.pk, "effective": "2026-02-05"}
    )
    assert response.status_code == 200
    assert b"a new one cannot take effect before it" in response.content
    assert changes() == before


@pytest.mark.parametrize("persona", ["decision_maker", "reviewer", "auditor"])
def test_other_staff_read_the_datasheet_without_a_step(
    request: pytest.FixtureRequest, sign_in: SignIn, persona: str, published: Datasheet
) -> None:
    client = sign_in(request.getfixturevalue(persona))
    page = client.get(page_url(published))
    assert page.status_code == 200
    assert b"Version 1: TerraSep 200" in page.content
    assert steps_offered(client, published) == set()
    before = changes()
    for step in ("add-version", "publish", "withdraw", "supersede"):
        assert client.get(step_url(published, step)).status_code == 403, step
    response = client.post(
        step_url(published, "withdraw"), {"reason": "Mine?", "effective": TODAY.isoformat()}
    )
    assert response.status_code == 403
    assert b"may not withdraw the datasheet" in response.content
    assert changes() == before
    assert verify(published.quick_code).valid


def test_a_file_manager_tied_to_the_holder_prepares_but_does_not_publish(
    sign_in: SignIn, file_manager: User, published: Datasheet, holder: Organisation
) -> None:
    declare_tie(
        by=file_manager,
        organisation=holder,
        kind=TieKind.FORMER_EMPLOYER,
        valid_from=date(2025, 1, 1),
    )
    client = sign_in(file_manager)
    assert steps_offered(client, published) == {"add-version"}
    response = client.get(step_url(published, "withdraw"))
    assert response.status_code == 403
    assert b"ISO/IEC 17065" in response.content


def test_the_assigned_inspector_reads_the_datasheet_and_others_do_not_find_it(
    sign_in: SignIn, inspector: User, other_inspector: User, planned: Inspection, draft: Datasheet
) -> None:
    client = sign_in(inspector)
    assert steps_offered(client, draft) == set()
    assert client.get(step_url(draft, "publish")).status_code == 403
    client.logout()
    assert sign_in(other_inspector).get(page_url(draft)).status_code == 404


def test_a_holder_user_reads_the_datasheet_in_the_portal_not_here(
    sign_in: SignIn, holder_member: User, draft: Datasheet
) -> None:
    assert sign_in(holder_member).get(page_url(draft)).status_code == 403


def test_unknown_codes_and_steps_are_not_found(
    sign_in: SignIn, file_manager: User, draft: Datasheet
) -> None:
    client = sign_in(file_manager)
    assert client.get(reverse("backoffice:datasheet", args=("00000000",))).status_code == 404
    assert client.get(step_url(draft, "explode")).status_code == 404
    assert client.get(reverse("backoffice:datasheet-new", args=("BENOR-999",))).status_code == 404


def test_a_datasheet_of_a_withdrawn_file_is_not_offered_for_publication(
    sign_in: SignIn, file_manager: User, decision_maker: User, draft: Datasheet
) -> None:
    certification.withdraw_certificate(
        draft.certificate, by=decision_maker, reason="Misuse of the mark."
    )
    client = sign_in(file_manager)
    assert steps_offered(client, draft) == {"add-version"}
    response = client.post(
        step_url(draft, "publish"),
        {"version": draft.versions.get().pk, "effective": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert b"its datasheets cannot be published" in response.content
    assert not DatasheetStatusPeriod.objects.exists()


def test_the_page_shows_the_history_and_the_holders_proposals(
    sign_in: SignIn, file_manager: User, published: Datasheet, holder_member: User
) -> None:
    proposal = proposals.propose_datasheet_version(
        published,
        by=holder_member,
        trade_name="TerraSep 200 Pro",
        characteristics=[{"name": "Tensile strength", "value": "15", "unit": "kN/m"}],
    )
    client = sign_in(file_manager)
    text = client.get(page_url(published)).content.decode()
    assert "Published, version 1" in text
    assert "10 February 2026" in text
    assert f'href="{reverse("backoffice:proposal", args=(proposal.pk,))}"' in text
    assert "TerraSep 200 Pro, proposed on 16 March 2026 by An Peeters" in text
    on_file = client.get(file_url(published.certificate)).content.decode()
    assert f"New version of datasheet {format_code(published.quick_code)}: TerraSep 200 Pro" in (
        on_file
    )
    # The file's timeline opens the datasheet's page.
    assert on_file.count(f'href="{page_url(published)}"') >= 3


def test_a_new_datasheet_proposed_by_the_holder_is_on_the_file_page(
    sign_in: SignIn, file_manager: User, datasheet_proposal: DatasheetProposal
) -> None:
    text = sign_in(file_manager).get(file_url(datasheet_proposal.certificate)).content.decode()
    url = reverse("backoffice:proposal", args=(datasheet_proposal.pk,))
    assert f'<a href="{url}">New datasheet: TerraSep 200</a>' in text


def test_the_datasheet_page_costs_the_same_for_many_versions(
    sign_in: SignIn, file_manager: User, published: Datasheet, django_assert_max_num_queries: Any
) -> None:
    client = sign_in(file_manager)
    with CaptureQueriesContext(connection) as one:
        assert client.get(page_url(published)).status_code == 200
    for number in range(2, 22):
        version = datasheets.add_datasheet_version(
            published, by=file_manager, trade_name=f"v{number}", characteristics=[]
        )
        datasheets.publish_datasheet_version(version, by=file_manager)
    with django_assert_max_num_queries(len(one)):
        response = client.get(page_url(published))
    assert b"Version 21: v21" in response.content
