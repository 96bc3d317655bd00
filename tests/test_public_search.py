"""The search page: free text, filters, kinds, pages, and help when nothing is found."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version


def publish(certificate: Certificate, by: User, name: str) -> Datasheet:
    sheet = create_datasheet(certificate, by=by, product_name=name, trade_name=name)
    publish_datasheet_version(sheet.versions.get(), by=by, effective=date(2026, 2, 10))
    return sheet


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    return publish(certified, file_manager, "Nonwoven 200")


def search(client: Client, query: str) -> str:
    response = client.get(f"/en/search/?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_free_text_finds_the_certificate_of_a_holder(client: Client, datasheet: Datasheet) -> None:
    html = search(client, "q=geotex")
    assert "1 result" in html
    assert f'href="/en/certificates/{datasheet.certificate.number}/"' in html
    assert ">Certified</span>" in html


def test_the_kind_tabs_show_datasheets_and_holders(client: Client, datasheet: Datasheet) -> None:
    html = search(client, "q=geotex&kind=datasheets")
    assert f'href="/en/datasheets/{datasheet.quick_code}/"' in html
    assert 'href="?q=geotex&amp;kind=holders"' in html
    html = search(client, "q=geotex&kind=holders")
    assert 'href="/en/holders/0403170701/">Geotex Belgium</a>' in html


def test_the_status_filter_reads_the_asked_date(client: Client, datasheet: Datasheet) -> None:
    assert "1 result" in search(client, "status=trial&on=2026-01-20")
    assert "1 result" in search(client, "status=certified")


def test_a_search_that_finds_nothing_says_so_and_offers_to_drop_each_filter(
    client: Client, datasheet: Datasheet
) -> None:
    html = search(client, "q=geotex&status=suspended&unit=Liège")
    assert "Nothing found." in html
    assert "Drop “Status: suspended”" in html
    assert 'href="?q=geotex&amp;unit=Li%C3%A8ge"' in html  # the same search without the status
    assert "Drop “Town or postal code of the production unit: Liège”" in html
    assert 'href="?q=geotex&amp;status=suspended"' in html


def test_a_suspension_is_found_by_its_status(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="Audit.", effective=date(2026, 3, 2)
    )
    html = search(client, "status=suspended")
    assert "1 result" in html
    assert ">Suspended</span>" in html


def test_the_holder_filter_takes_the_enterprise_number_as_people_write_it(
    client: Client, datasheet: Datasheet
) -> None:
    assert "1 result" in search(client, "holder=BE+0403.170.701")
    html = search(client, "holder=0403.170.702")
    assert "check digits do not match" in html
    assert "result" not in html.split("</form>")[1]


def test_bad_input_gets_messages_not_errors(client: Client, datasheet: Datasheet) -> None:
    html = search(client, "on=2026-13-01&page=-3&status=nonsense&sort=sideways")
    assert "This is not a date" in html
    assert "Please correct the fields marked above." in html


def test_results_come_in_pages_with_links(
    client: Client, certified: Certificate, file_manager: User
) -> None:
    for number in range(21):
        publish(certified, file_manager, f"Geogrid {number:02d}")
    html = search(client, "q=geogrid&kind=datasheets&sort=name")
    assert "21 results" in html
    assert "Geogrid 00" in html
    assert "Geogrid 20" not in html
    assert 'href="?q=geogrid&amp;kind=datasheets&amp;sort=name&amp;page=2" rel="next"' in html
    html = search(client, "q=geogrid&kind=datasheets&sort=name&page=2")
    assert "Geogrid 20" in html
    assert 'rel="prev"' in html
    # A page beyond the last shows the last one rather than nothing.
    assert "Geogrid 20" in search(client, "q=geogrid&kind=datasheets&sort=name&page=9")


@pytest.mark.parametrize("kind", ["certificates", "datasheets", "holders"])
def test_the_search_page_costs_the_same_queries_however_many_results(
    client: Client,
    certified: Certificate,
    file_manager: User,
    kind: str,
    django_assert_num_queries: Any,
) -> None:
    publish(certified, file_manager, "Nonwoven 200")
    search(client, f"q=geotex&kind={kind}")  # the page's first answer: sessions, caches
    # The registry's last change (the ETag), the whole word's count and the prefix's, the
    # ids of the page, its entries with their certificates and holders, and the status
    # histories shown: of the certificates, and for datasheets their own too.
    queries = {"certificates": 7, "datasheets": 8, "holders": 6}[kind]
    with django_assert_num_queries(queries):
        one = search(client, f"q=geotex&kind={kind}&sort=name")
    for name in ("Nonwoven 300", "Nonwoven 400", "Nonwoven 500"):
        publish(certified, file_manager, name)
    with django_assert_num_queries(queries):
        more = search(client, f"q=geotex&kind={kind}&sort=number")
    assert "result" in one
    assert more.count('href="/en/datasheets/') >= (4 if kind == "datasheets" else 0)
