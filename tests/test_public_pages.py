"""Detail pages of the public registry: what they show, and what they refuse to show."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import (
    add_datasheet_version,
    create_datasheet,
    publish_datasheet_version,
    supersede_datasheet,
)
from qualimark.parties.models import Organisation
from qualimark.schemes.models import DocumentFile, ReferenceDocument


def publish(certificate: Certificate, by: User, name: str, on: date) -> Datasheet:
    sheet = create_datasheet(
        certificate,
        by=by,
        product_name=f"Nonwoven {name}",
        trade_name=f"GeoTex {name}",
        characteristics=[{"name": "mass per unit area", "value": name, "unit": "g/m²"}],
    )
    publish_datasheet_version(sheet.versions.get(), by=by, effective=on)
    return sheet


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    return publish(certified, file_manager, "200", date(2026, 2, 10))


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_certificate_page_shows_holder_unit_rules_timeline_and_datasheets(
    client: Client, datasheet: Datasheet, file_manager: User
) -> None:
    draft = create_datasheet(
        datasheet.certificate, by=file_manager, product_name="Secret draft", trade_name="Draft"
    )
    html = page(client, f"/en/certificates/{datasheet.certificate.number}/")
    assert 'class="badge big tone-good">Certified</span> on 16 March 2026' in html
    assert 'href="/en/holders/0403170701/">Geotex Belgium</a>' in html
    assert "Plant Gent-Zeehaven, Zeehaven 4, 9000 Gent" in html
    assert "PTV 829 version 2021.2" in html  # the version in force today, not 2019.1
    assert "2019.1" not in html
    assert "from 19 January 2026 up to and including 1 February 2026" in html  # the trial
    assert "since 2 February 2026" in html
    assert f'href="/en/datasheets/{datasheet.quick_code}/"' in html
    assert "GeoTex 200" in html
    assert draft.product_name not in html  # never published: not public


def test_the_certificate_page_shows_a_suspension_and_its_datasheets_as_not_valid(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    certification.suspend_certificate(
        datasheet.certificate,
        by=decision_maker,
        reason="Failed audit.",
        effective=date(2026, 3, 2),
        until=date(2026, 6, 1),
    )
    html = page(client, f"/en/certificates/{datasheet.certificate.number}/")
    assert ">Suspended</span> on 16 March 2026" in html
    assert "from 2 February 2026 up to and including 1 March 2026" in html
    assert "from 2 March 2026 up to and including 31 May 2026" in html
    assert "since 1 June 2026" in html
    assert "Not valid: certificate suspended" in html


def test_a_file_in_trial_period_is_shown_as_such(client: Client, in_trial: Certificate) -> None:
    html = page(client, f"/en/certificates/{in_trial.number}/")
    assert ">In trial period</span>" in html
    assert "trial period" in html


def test_an_application_that_never_reached_the_trial_period_is_not_public(
    client: Client, application: Certificate, file_manager: User
) -> None:
    certification.admit_application(
        application, by=file_manager, reason="Complete.", effective=date(2026, 1, 12)
    )
    response = client.get(f"/en/certificates/{application.number}/")
    assert response.status_code == 404
    assert f"No certificate numbered {application.number}" in response.content.decode()
    assert client.get("/en/holders/0403170701/").status_code == 404


def test_the_datasheet_page_shows_the_version_characteristics_and_history(
    client: Client, datasheet: Datasheet, file_manager: User
) -> None:
    version = add_datasheet_version(
        datasheet,
        by=file_manager,
        trade_name="GeoTex 200 Plus",
        characteristics=[{"name": "tensile strength", "value": "14", "unit": "kN/m"}],
    )
    publish_datasheet_version(version, by=file_manager, effective=date(2026, 3, 1))
    html = page(client, f"/en/datasheets/{datasheet.quick_code}/")
    assert "<h1>GeoTex 200 Plus</h1>" in html
    assert "tensile strength" in html
    assert "14 kN/m" in html
    assert ">Valid</span> on 16 March 2026" in html
    assert "version 1" in html
    assert "from 10 February 2026 up to and including 28 February 2026" in html
    assert "version 2" in html
    assert f'href="/en/certificates/{datasheet.certificate.number}/"' in html


def test_a_superseded_datasheet_links_to_its_replacement(
    client: Client, datasheet: Datasheet, file_manager: User
) -> None:
    replacement = publish(datasheet.certificate, file_manager, "300", date(2026, 3, 1))
    supersede_datasheet(
        datasheet, by=file_manager, replacement=replacement, effective=date(2026, 3, 5)
    )
    html = page(client, f"/en/datasheets/{datasheet.quick_code}/")
    assert ">Superseded</span> on 16 March 2026" in html
    assert f'superseded by <a href="/en/datasheets/{replacement.quick_code}/">' in html
    assert "since 5 March 2026" in html


def test_the_holder_page_lists_its_units_and_public_certificates(
    client: Client, datasheet: Datasheet, holder: Organisation
) -> None:
    html = page(client, "/en/holders/0403.170.701/")  # the number as people write it
    assert "<h1>Geotex Belgium</h1>" in html
    assert "0403.170.701" in html
    assert "Plant Gent-Zeehaven, Zeehaven 4, 9000 Gent" in html
    assert f'href="/en/certificates/{datasheet.certificate.number}/"' in html
    assert ">Certified</span>" in html


def test_the_subject_page_shows_its_rules_and_its_certified_and_trial_holders(
    client: Client, datasheet: Datasheet, in_trial: Certificate
) -> None:
    html = page(client, "/en/subjects/geotextiles/")
    assert "<h1>Geotextiles</h1>" in html
    assert "PTV 829" in html
    assert "from 1 January 2019 up to and including 30 September 2021" in html
    assert "since 1 October 2021" in html
    certified_part, trial_part = html.split('id="trial-title"')
    assert datasheet.certificate.number in certified_part
    assert "No holder is in its trial period today." in trial_part


def test_the_subject_name_follows_the_language(client: Client, datasheet: Datasheet) -> None:
    assert "<h1>Géotextiles</h1>" in page(client, "/fr/subjects/geotextiles/")
    assert "<h1>Geotextielen</h1>" in page(client, "/nl/subjects/geotextiles/")
    assert 'href="/en/subjects/geotextiles/">Geotextiles</a>' in page(client, "/en/subjects/")


def test_the_documents_page_lists_every_version_and_its_downloads(
    client: Client, ptv_829: ReferenceDocument
) -> None:
    version = ptv_829.versions.get(label="2021.2")
    DocumentFile.objects.create(version=version, language="fr", file="documents/2021/ptv829-fr.pdf")
    html = page(client, "/en/documents/")
    assert "PTV 829 – Geotextielen en verwante producten" in html  # no English title: Dutch
    assert "2019.1" in html
    assert "from 1 January 2019 up to and including 30 September 2021" in html
    assert 'href="/media/documents/2021/ptv829-fr.pdf" hreflang="fr" download>French</a>' in html
    assert "in force" in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/certificates/BENOR-999999/",
        "/en/datasheets/12345678/",
        "/en/holders/0403.170.702/",  # bad check digits
        "/en/holders/0403170701/",  # a valid number that holds nothing public
        "/en/subjects/unknown-thing/",
        "/en/certificates/%00/",
        "/en/no-such-page/",
    ],
)
def test_unknown_things_give_a_friendly_404(client: Client, db: None, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Not found</h1>" in html
    assert 'href="/en/search/"' in html


def test_a_draft_datasheet_is_not_public(
    client: Client, certified: Certificate, file_manager: User
) -> None:
    draft = create_datasheet(certified, by=file_manager, product_name="Draft", trade_name="D")
    assert client.get(f"/en/datasheets/{draft.quick_code}/").status_code == 404


def test_the_certificate_page_costs_a_fixed_number_of_queries_however_many_datasheets(
    client: Client,
    datasheet: Datasheet,
    file_manager: User,
    django_assert_max_num_queries: Any,
) -> None:
    for name in ("300", "400", "500", "600", "700"):
        publish(datasheet.certificate, file_manager, name, date(2026, 3, 1))
    # certificate, its history, rules in force, datasheets, their histories and versions
    with django_assert_max_num_queries(6):
        html = page(client, f"/en/certificates/{datasheet.certificate.number}/")
    assert html.count("/en/datasheets/") == 6


def test_the_datasheet_page_costs_the_same_queries_however_long_its_history(
    client: Client, datasheet: Datasheet, file_manager: User, django_assert_num_queries: Any
) -> None:
    url = f"/en/datasheets/{datasheet.quick_code}/"
    page(client, url)  # the page's first answer: sessions, caches
    # The registry's last change (the ETag), the datasheet with its certificate, holder and
    # programme, its history with the versions, the certificate's history, and the rules.
    queries = 5
    with django_assert_num_queries(queries):
        assert "GeoTex 200" in page(client, url)
    for day, name in ((3, "Plus"), (5, "Pro"), (9, "Max")):
        version = add_datasheet_version(
            datasheet, by=file_manager, trade_name=f"GeoTex {name}", characteristics=[]
        )
        publish_datasheet_version(version, by=file_manager, effective=date(2026, 3, day))
    with django_assert_num_queries(queries):
        html = page(client, url)
    assert "<h1>GeoTex Max</h1>" in html
    assert "version 4" in html
