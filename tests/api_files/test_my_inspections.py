"""`GET /me/inspections`: the inspector their assignments, the holder its reports once sent."""

from collections.abc import Callable

from qualimark.accounts.models import User
from qualimark.oversight import reports
from qualimark.oversight.models import Inspection
from tests.api_files.conftest import Api, code

MakeApi = Callable[[User | None], Api]


def references(api: Api) -> list[str]:
    status, body = api.get("/inspections")
    assert status == 200
    return [item["reference"] for item in body["results"]]


def test_an_inspector_sees_the_visit_assigned_to_them_before_it_takes_place(
    api: MakeApi, planned: Inspection, inspector: User, file_manager: User
) -> None:
    assert references(api(inspector)) == [planned.reference]
    assert references(api(file_manager)) == [planned.reference]
    status, body = api(inspector).get(f"/inspections/{planned.reference}")
    assert (status, body["status"], body["findings"]) == (200, "planned", [])


def test_a_holder_never_learns_of_an_unannounced_visit_in_advance(
    api: MakeApi, planned: Inspection, holder_member: User
) -> None:
    holder = api(holder_member)

    assert references(holder) == []
    assert code(holder.get(f"/inspections/{planned.reference}")) == (404, "not_found")


def test_another_holder_never_sees_the_report(
    api: MakeApi, sent: Inspection, other_admin: User, outsider: User
) -> None:
    for user in (other_admin, outsider):
        assert references(api(user)) == []
        assert code(api(user).get(f"/inspections/{sent.reference}")) == (404, "not_found")


def test_the_holder_reads_a_sent_report_with_its_findings_and_comments(
    api: MakeApi, sent: Inspection, holder_member: User, invited_member: User
) -> None:
    reports.comment_on_report(
        sent, by=invited_member, text="The quick codes are on every note since Friday."
    )
    expected = {
        "reference": sent.reference,
        "certificate_number": "BENOR-000001",
        "holder": {"name": "Geotex Belgium", "enterprise_number": "0403.170.701"},
        "status": "report_sent",
        "body": "Inspecta Belgium",
        "inspector": "Els Wouters",
        "planned_on": "2026-03-16",
        "visited_on": "2026-03-16",
        "report_sent_at": "2026-03-16T10:00:00+01:00",
        "comment_deadline": "2026-03-23",
        "comment_window_open": True,
        "location": "Plant Gent-Zeehaven, Zeehaven 4, 9000 Gent",
        "summary": "Production and FPC visited.",
        "findings": [
            {
                "kind": "minor",
                "requirement": "PTV 829 2021.2",
                "clause": "5.2",
                "observation": "Two delivery notes do not cite the quick code.",
            }
        ],
        "comments": [
            {
                "by": "Jan Maes",
                "at": "2026-03-16T10:00:00+01:00",
                "text": "The quick codes are on every note since Friday.",
            }
        ],
    }

    assert api(holder_member).get(f"/inspections/{sent.reference}") == (200, expected)
    status, listing = api(holder_member).get("/inspections")
    summary = {k: v for k, v in expected.items() if k not in ("location", "summary")}
    summary = {k: v for k, v in summary.items() if k not in ("findings", "comments")}
    assert (status, listing["total"], listing["results"]) == (200, 1, [summary])
