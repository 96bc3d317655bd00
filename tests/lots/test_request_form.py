"""Anyone can request a lot inspection through the public web form, in Dutch, French or English."""

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from qualimark.lots import notices, services
from qualimark.lots.models import (
    ContactRole,
    LotConformityDocument,
    LotContact,
    LotInspectionRequest,
)
from qualimark.schemes.models import Kind, Scheme, Subject

URL = "/en/lots/request/"
SENT_URL = "/en/lots/request/sent/"


@pytest.fixture
def copro_exe(db: None) -> Scheme:
    return Scheme.objects.create(
        code="COPRO.EXE", name="COPRO Execution", owner="COPRO", kind=Kind.EXECUTION
    )


@pytest.fixture
def filled(benor: Scheme, geotextiles: Subject) -> dict[str, str]:
    """A complete request, as a person fills it in (two of the five contact rows)."""
    return {
        "scheme": "BENOR",
        "subject": "geotextiles",
        "product": "Nonwoven geotextile 200 g/m²",
        "quantity": "1200",
        "unit": "m2",
        "street": "Kaai 12",
        "postal_code": "2000",
        "town": "Antwerpen",
        "requester_name": "Bram Janssens",
        "requester_email": "bram@wegenbouw.example",
        "organisation": "Wegenbouw NV",
        "inspection_site_name": "Tom Peeters",
        "inspection_site_company": "Opslag Kaai",
        "inspection_site_phone": "+32 3 123 45 67",
        "producer_name": "Ilse Geerts",
        "producer_email": "ilse@geo.example",
        "website": "",
    }


def send(
    client: Client, data: dict[str, str], *, callbacks: Any, language: str = "en"
) -> tuple[int, str]:
    with callbacks(execute=True):
        response = client.post(f"/{language}/lots/request/", data, follow=True)
    return response.status_code, response.content.decode()


def test_a_complete_request_is_opened_with_its_contacts_and_acknowledged_by_e_mail(
    client: Client, filled: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, filled)
    assert response.status_code == 302
    assert response["Location"] == SENT_URL

    lot_request = LotInspectionRequest.objects.get()
    assert lot_request.requested_by is None
    assert (lot_request.scheme.code, lot_request.subject and lot_request.subject.code) == (
        "BENOR",
        "geotextiles",
    )
    assert (lot_request.quantity, lot_request.unit) == (Decimal("1200"), "m2")
    assert lot_request.location == "Kaai 12, 2000 Antwerpen"
    assert lot_request.requester == "Bram Janssens (Wegenbouw NV)"
    contacts = {c.role: (c.name, c.company, c.phone, c.email) for c in lot_request.contacts.all()}
    assert contacts == {
        ContactRole.INSPECTION_SITE: ("Tom Peeters", "Opslag Kaai", "+32 3 123 45 67", ""),
        ContactRole.PRODUCER: ("Ilse Geerts", "", "", "ilse@geo.example"),
    }
    assert [m.to for m in mail.outbox] == [["bram@wegenbouw.example"]]
    assert "P-2026-0001" in mail.outbox[0].subject

    page = client.get(SENT_URL).content.decode()
    assert "<strong>P-2026-0001</strong>" in page
    assert "The certification body contacts you to plan the inspection of the lot." in page


def test_an_empty_form_says_what_is_missing_and_creates_nothing(client: Client, db: None) -> None:
    response = client.post(URL, {})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in page
    for message in (
        "Choose the mark the lot should carry.",
        "Describe the product of the lot.",
        "Give the quantity of the lot.",
        "Choose the unit of the quantity.",
        "Say in which town the lot can be inspected.",
        "Give your name.",
        "Give your e-mail address: we answer your request there.",
    ):
        assert message in page, message
    assert 'href="#id_town">Town: Say in which town' in page  # the summary leads to the field
    assert LotInspectionRequest.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"requester_email": "bram at wegenbouw"}, "This is not an e-mail address."),
        ({"quantity": "0"}, "The quantity must be a number above zero."),
        ({"quantity": "twelve"}, "The quantity must be a number."),
        ({"quantity": "1.2345"}, "The quantity can have at most three decimals."),
        ({"quantity": "1234567890"}, "This quantity is too large for one lot."),
        ({"scheme": "COPRO.EXE"}, "Choose one of the marks in the list."),
        ({"producer_email": "ilse@"}, "Producer – E-mail address: This is not an e-mail address."),
        (
            {"client_phone": "+32 2 555 12 12"},
            "Client – Name: Give this contact&#x27;s name, or leave the row empty.",
        ),
        ({"town": "Antw\x00erpen"}, "This contains characters that cannot be typed"),
    ],
)
def test_an_invalid_field_is_explained_and_nothing_is_created(
    client: Client,
    filled: dict[str, str],
    copro_exe: Scheme,
    changes: dict[str, str],
    message: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    status, page = send(client, filled | changes, callbacks=django_capture_on_commit_callbacks)
    assert status == 200
    assert message in page
    assert 'value="Nonwoven geotextile 200 g/m²"' in page  # what was typed stays
    assert LotInspectionRequest.objects.count() == 0
    assert mail.outbox == []


def test_the_marks_offered_are_product_marks_only(
    client: Client, benor: Scheme, copro_exe: Scheme
) -> None:
    page = client.get(URL).content.decode()
    assert '<option value="BENOR">BENOR</option>' in page
    assert "COPRO.EXE" not in page


def test_a_refusal_of_the_service_is_shown_on_the_form_and_nothing_is_written(
    client: Client,
    filled: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    acknowledge = notices.acknowledge_request

    def refuse_last(lot_request: LotInspectionRequest) -> None:
        # The service refuses at its very end: the request, its contacts and its journal
        # entry are written and the acknowledgement is queued. All of it must be undone.
        acknowledge(lot_request)
        raise services.InvalidLotRequest("A request cannot be dated in the future.")

    monkeypatch.setattr(notices, "acknowledge_request", refuse_last)
    status, page = send(client, filled, callbacks=django_capture_on_commit_callbacks)
    assert status == 200
    assert "<li>A request cannot be dated in the future.</li>" in page
    assert 'value="Nonwoven geotextile 200 g/m²"' in page  # what was typed stays
    assert "Your request was received" not in page
    assert LotInspectionRequest.objects.count() == 0
    assert not LotContact.objects.exists()
    assert mail.outbox == []


def test_a_filled_trap_field_is_answered_as_received_but_creates_nothing(
    client: Client, filled: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    status, page = send(
        client,
        filled | {"website": "https://spam.example"},
        callbacks=django_capture_on_commit_callbacks,
    )
    assert status == 200
    assert "Your request was received" in page
    assert "P-2026" not in page
    assert LotInspectionRequest.objects.count() == 0
    assert mail.outbox == []


def test_the_confirmation_page_without_a_request_leads_to_the_form(
    client: Client, db: None
) -> None:
    response = client.get(SENT_URL)
    assert (response.status_code, response["Location"]) == (302, URL)


@pytest.mark.parametrize(
    ("language", "title", "quantity", "acknowledgement", "next_step"),
    [
        (
            "nl",
            "Een partijkeuring aanvragen",
            "12,5",
            "Aanvraag tot partijkeuring P-2026-0001 ontvangen",
            "De certificatie-instelling neemt contact met u op om de keuring van de partij "
            "te plannen.",
        ),
        (
            "fr",
            "Demander un contrôle par lot",
            "12,5",
            "Demande de contrôle par lot P-2026-0001 reçue",
            "L'organisme de certification vous contacte pour planifier le contrôle du lot.",
        ),
        (
            "en",
            "Request a lot inspection",
            "12.5",
            "Lot inspection request P-2026-0001 received",
            "The certification body contacts you to plan the inspection of the lot.",
        ),
    ],
)
def test_the_form_works_in_each_language_of_the_site(
    client: Client,
    filled: dict[str, str],
    django_capture_on_commit_callbacks: Any,
    language: str,
    title: str,
    quantity: str,
    acknowledgement: str,
    next_step: str,
) -> None:
    page = client.get(f"/{language}/lots/request/").content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{title}</h1>" in page

    status, page = send(
        client,
        filled | {"quantity": quantity},
        callbacks=django_capture_on_commit_callbacks,
        language=language,
    )
    assert status == 200
    assert next_step in page
    assert LotInspectionRequest.objects.get().quantity == Decimal("12.5")
    assert mail.outbox[0].subject == acknowledgement  # in the language of the form


def test_the_form_is_linked_from_the_verify_page_and_the_lot_page(
    client: Client, conformity: LotConformityDocument
) -> None:
    link = 'href="/en/lots/request/"'
    assert link in client.get("/en/").content.decode()
    assert link in client.get(f"/en/lots/{conformity.code}/").content.decode()
