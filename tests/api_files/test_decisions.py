"""`POST /me/files/{number}/decisions`: the back-office's rules and service, through the API."""

from collections.abc import Callable
from datetime import date

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.oversight.models import Inspection
from tests.api_files.conftest import Api, code

MakeApi = Callable[[User | None], Api]

SUSPEND = {
    "transition": "suspend",
    "reason": "Major nonconformity not corrected within the deadline.",
    "effective": "2026-03-17",
    "until": "2026-05-01",
}


def decisions(certificate: Certificate) -> list[str]:
    return list(certificate.decisions.order_by("id").values_list("transition", flat=True))


def test_a_file_manager_admits_an_application_and_sees_the_new_status(
    api: MakeApi, application: Certificate, file_manager: User
) -> None:
    body = {"transition": "admit", "reason": "The application is complete."}

    status, answer = api(file_manager).post("/files/BENOR-000001/decisions", body)

    assert status == 201
    assert answer["status"] == "admissible"
    assert answer["decisions"][-1] | {"decided_at": None} == {
        "transition": "admit",
        "from_status": "applied",
        "to_status": "admissible",
        "effective": "2026-03-16",
        "until": None,
        "expires_on": None,
        "decided_by": "Sofie Claes",
        "decided_at": None,
        "reason": "The application is complete.",
    }
    assert decisions(application) == ["apply", "admit"]


def test_a_decision_maker_suspends_until_a_date(
    api: MakeApi, certified: Certificate, decision_maker: User
) -> None:
    status, answer = api(decision_maker).post("/files/BENOR-000001/decisions", SUSPEND)

    assert status == 201
    assert answer["status"] == "certified"  # the suspension starts tomorrow
    assert answer["decisions"][-1]["until"] == "2026-05-01"
    certificate = Certificate.objects.get(pk=certified.pk)
    assert certificate.status_on(date(2026, 3, 17)) == "suspended"
    assert certificate.status_on(date(2026, 5, 1)) == "certified"


def test_an_invited_user_cannot_decide(
    api: MakeApi, certified: Certificate, invited_member: User, holder_member: User
) -> None:
    assert code(api(invited_member).post("/files/BENOR-000001/decisions", SUSPEND)) == (
        403,
        "role_not_allowed",
    )
    assert decisions(certified) == ["apply", "admit", "start_trial", "grant"]


def test_the_holder_administrator_renounces_through_the_api_as_in_the_portal(
    api: MakeApi, certified: Certificate, invited_member: User, holder_member: User
) -> None:
    renounce = {"transition": "renounce", "reason": "We stop making it.", "effective": "2026-04-01"}
    assert code(api(invited_member).post("/files/BENOR-000001/decisions", renounce)) == (
        403,
        "role_not_allowed",
    )
    assert api(holder_member).post("/files/BENOR-000001/decisions", renounce)[0] == 201
    assert decisions(certified) == ["apply", "admit", "start_trial", "grant", "renounce"]


def test_an_inspector_cannot_decide_on_a_file_they_inspect(
    api: MakeApi, planned: Inspection, inspector: User
) -> None:
    answer = api(inspector).post("/files/BENOR-000001/decisions", SUSPEND)

    assert code(answer) == (403, "role_not_allowed")
    assert decisions(planned.certificate) == ["apply", "admit", "start_trial", "grant"]


def test_a_file_manager_may_steer_but_not_decide(
    api: MakeApi, certified: Certificate, file_manager: User
) -> None:
    assert code(api(file_manager).post("/files/BENOR-000001/decisions", SUSPEND)) == (
        403,
        "role_not_allowed",
    )


def test_a_decision_maker_who_evaluated_the_file_is_told_the_separation_of_duties(
    api: MakeApi, certified: Certificate, decision_maker: User
) -> None:
    record_involvement(certified, decision_maker, role=InvolvementRole.EVALUATOR)

    status, answer = api(decision_maker).post("/files/BENOR-000001/decisions", SUSPEND)

    assert (status, answer["error"]["code"]) == (409, "separation_of_duties")
    assert "Marc Dubois was evaluator of file BENOR-000001" in answer["error"]["message"]
    assert decisions(certified) == ["apply", "admit", "start_trial", "grant"]


def test_a_rule_of_the_lifecycle_refuses_with_its_own_code(
    api: MakeApi, application: Certificate, decision_maker: User
) -> None:
    office = api(decision_maker)
    grant = {"transition": "grant", "reason": "Trial passed."}
    blank = {"transition": "admit", "reason": "   "}
    early = {"transition": "admit", "reason": "Complete.", "effective": "2025-12-01"}
    until = {"transition": "admit", "reason": "Complete.", "until": "2026-05-01"}

    assert code(office.post("/files/BENOR-000001/decisions", grant)) == (
        409,
        "transition_not_allowed",
    )
    assert code(office.post("/files/BENOR-000001/decisions", blank)) == (409, "invalid_decision")
    assert code(office.post("/files/BENOR-000001/decisions", early)) == (
        409,
        "decision_out_of_order",
    )
    assert code(office.post("/files/BENOR-000001/decisions", until)) == (409, "invalid_decision")
    assert decisions(application) == ["apply"]


def test_holder_b_cannot_decide_on_holder_as_file_nor_learn_it_exists(
    api: MakeApi, certified: Certificate, other_admin: User
) -> None:
    answer = api(other_admin).post("/files/BENOR-000001/decisions", SUSPEND)

    assert code(answer) == (404, "not_found")


def test_a_body_that_does_not_fit_is_refused_before_anything_happens(
    api: MakeApi, certified: Certificate, decision_maker: User
) -> None:
    office = api(decision_maker)
    unknown = {"transition": "promote", "reason": "Why not."}
    bad_day = SUSPEND | {"effective": "17/03/2026"}

    assert code(office.post("/files/BENOR-000001/decisions", unknown)) == (422, "invalid_input")
    assert code(office.post("/files/BENOR-000001/decisions", bad_day)) == (422, "invalid_input")
    assert code(office.post("/files/BENOR-000001/decisions", {"reason": "x"})) == (
        422,
        "invalid_input",
    )
    assert decisions(certified) == ["apply", "admit", "start_trial", "grant"]
