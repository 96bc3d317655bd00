"""What the public pages cost: a fixed number of queries, however long their lists.

The datasheet page and the search page are the pages building sites open most after
verification; at a national scale each extra query per version or per result line is
paid millions of times a day.
"""

from datetime import date
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import (
    add_datasheet_version,
    create_datasheet,
    publish_datasheet_version,
)

ENGLISH = {"accept-language": "en"}


def _published(certificate: Certificate, by: User, name: str, versions: int = 1) -> Datasheet:
    sheet = create_datasheet(certificate, by=by, product_name=name, trade_name=f"{name} 1")
    publish_datasheet_version(sheet.versions.get(), by=by, effective=date(2026, 2, 2))
    for number in range(2, versions + 1):
        version = add_datasheet_version(
            sheet, by=by, trade_name=f"{name} {number}", characteristics=[]
        )
        publish_datasheet_version(version, by=by, effective=date(2026, 2, 2 + number))
    return sheet


def _queries(client: Client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers=ENGLISH)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_datasheet_page_costs_the_same_with_one_version_or_five(
    client: Client, certified: Certificate, file_manager: User, db: Any
) -> None:
    one = _published(certified, file_manager, "Geogrid")
    five = _published(certified, file_manager, "Nonwoven", versions=5)

    cost_one, _page = _queries(client, f"/en/datasheets/{one.quick_code}/")
    cost_five, page = _queries(client, f"/en/datasheets/{five.quick_code}/")

    assert cost_five == cost_one
    assert "Nonwoven 5" in page  # the version in force


def test_a_search_page_costs_the_same_with_one_result_or_eight(
    client: Client, certified: Certificate, file_manager: User, db: Any
) -> None:
    _published(certified, file_manager, "Lonely membrane")
    for n in range(8):
        _published(certified, file_manager, f"Drainage mat {n}", versions=2)

    cost_one, _page = _queries(client, "/en/search/?q=lonely&kind=datasheets")
    cost_eight, page = _queries(client, "/en/search/?q=drainage&kind=datasheets")

    assert cost_eight == cost_one
    assert "8 results" in page
