"""A person of the body declares and ends their ties to holders in the back-office."""

from datetime import date

from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.parties.models import Tie, TieKind
from tests.backoffice.conftest import SignIn


def test_a_decision_maker_declares_a_tie_and_is_then_refused_the_decision(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    client = sign_in(decision_maker)
    page = client.get(reverse("backoffice:ties"))
    assert page.status_code == 200
    assert b"You have declared no tie." in page.content

    response = client.post(
        reverse("backoffice:ties"),
        {
            "enterprise_number": "0403.170.701",
            "kind": TieKind.RELATIVE,
            "valid_from": "2026-01-01",
            "description": "My brother works in their lab.",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert b"Geotex Belgium" in response.content
    tie = Tie.objects.get(user=decision_maker)
    assert (tie.kind, tie.valid_from, tie.valid_until) == ("relative", date(2026, 1, 1), None)

    refused = client.post(
        reverse("backoffice:decide", args=(certified.number, "suspend")),
        {"reason": "Nonconformity.", "effective": "2026-03-16"},
    )
    assert refused.status_code == 403
    assert b"Geotex Belgium" in refused.content

    client.post(reverse("backoffice:end-tie", args=(tie.pk,)), {"on": "2026-03-16"})
    tie.refresh_from_db()
    assert tie.valid_until == date(2026, 3, 16)
    allowed = client.post(
        reverse("backoffice:decide", args=(certified.number, "suspend")),
        {"reason": "Nonconformity.", "effective": "2026-03-16"},
    )
    assert allowed.status_code == 302


def test_an_unknown_enterprise_number_is_a_form_error(
    sign_in: SignIn, decision_maker: User
) -> None:
    response = sign_in(decision_maker).post(
        reverse("backoffice:ties"),
        {"enterprise_number": "0200.000.043", "kind": TieKind.OTHER, "valid_from": "2026-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["enterprise_number"]
    assert not Tie.objects.exists()


def test_nobody_ends_another_person_s_tie(
    sign_in: SignIn, decision_maker: User, file_manager: User, certified: Certificate
) -> None:
    tie = Tie.objects.create(
        user=decision_maker,
        organisation=certified.holder,
        kind=TieKind.OTHER,
        valid_from=date(2026, 1, 1),
        declared_at=certified.created_at,
    )
    response = sign_in(file_manager).post(
        reverse("backoffice:end-tie", args=(tie.pk,)), {"on": "2026-03-10"}
    )
    assert response.status_code == 404
    tie.refresh_from_db()
    assert tie.valid_until is None


def test_the_table_of_who_does_what_is_the_one_the_services_check(
    sign_in: SignIn, reviewer: User
) -> None:
    page = sign_in(reviewer).get(reverse("backoffice:rules"))
    assert page.status_code == 200
    tables = {table.title: table.rows for table in page.context["tables"]}
    assert {"The file", "The complaint", "The appeal", "The inspection"} <= set(tables)
    suspend = next(row for row in tables["The file"] if row.action == "Suspend the certificate")
    assert (suspend.sources, suspend.target, suspend.who, suspend.impartial) == (
        "certified",
        "suspended",
        "administrator, decision maker",
        True,
    )
    others = {row.action: row.who for row in page.context["others"]}
    assert others["Declare a tie to a holder"] == (
        "administrator, file manager, reviewer, decision maker"
    )
