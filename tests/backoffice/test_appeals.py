"""Appeals in the back-office: a file manager lodges them and, as the committee's secretary,
seats the committee and records its votes; a decision maker who took no part enacts the
outcome; the auditor reads; the admin only shows appeals."""

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qualimark.access.visible import appeal_for
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision, InvolvementRole
from qualimark.complaints import appeals
from qualimark.complaints.lifecycle import AppealStatus
from qualimark.complaints.models import Appeal, AppealCommitteeMember
from qualimark.complaints.votes import Ballot, Outcome
from qualimark.errors import NotVisible
from qualimark.journal.models import JournalEntry
from qualimark.oversight import planning
from qualimark.oversight.models import InspectionBody
from qualimark.sanctions.models import SanctionKind
from qualimark.sanctions.services import impose_sanction
from tests.backoffice.conftest import SignIn
from tests.complaints.conftest import vote_all

TODAY = date(2026, 3, 16)
R, U = Ballot.REVERSE, Ballot.UPHOLD


def page_url(appeal: Appeal) -> str:
    return reverse("backoffice:appeal", args=(appeal.reference,))


def step_url(appeal: Appeal, step: str) -> str:
    return reverse("backoffice:appeal-step", args=(appeal.reference, step))


def steps_offered(client: Client, appeal: Appeal) -> set[str]:
    response = client.get(page_url(appeal))
    assert response.status_code == 200
    text = response.text
    if 'data-testid="appeal-steps"' not in text:
        return set()
    buttons = text.split('data-testid="appeal-steps"')[1].split("</ul>")[0]
    prefix = page_url(appeal)
    return {part.split('"')[0].strip("/") for part in buttons.split(f'href="{prefix}')[1:]}


def errors(response: Any) -> list[str]:
    return list(response.context["form"].non_field_errors())


def lodge_url(certificate: Certificate) -> str:
    return reverse("backoffice:appeal-new") + f"?file={certificate.number}"


# The register ------------------------------------------------------------------------------


def test_the_register_shows_each_appeal_with_what_it_is_against_fifty_a_page_at_a_constant_cost(
    sign_in: SignIn,
    appeal: Appeal,
    certified: Certificate,
    decision_maker: User,
    holder_member: User,
    django_assert_max_num_queries: Any,
) -> None:
    client = sign_in(decision_maker)
    with CaptureQueriesContext(connection) as one_row:
        page = client.get(reverse("backoffice:appeals"))
    assert appeal.reference in page.text
    assert "Suspend the certificate" in page.text
    assert reverse("backoffice:file", args=(certified.number,)) in page.text
    for number in range(54):
        warning = impose_sanction(
            certified, SanctionKind.WARNING, by=decision_maker, reason=f"Warning {number}."
        )
        appeals.lodge_appeal(
            by=holder_member, appellant=certified.holder, sanction=warning, grounds="Unfair."
        )

    with django_assert_max_num_queries(len(one_row)):
        first = client.get(reverse("backoffice:appeals"))
    second = client.get(reverse("backoffice:appeals"), {"page": "2"})
    lodged = client.get(reverse("backoffice:appeals"), {"status": "decided"})

    assert len(first.context["rows"]) == 50
    assert "55 appeals." in first.text
    assert "Warning" in first.text
    assert len(second.context["rows"]) == 5
    assert "0 appeals." in lodged.text


# Lodging -----------------------------------------------------------------------------------


def test_a_file_manager_lodges_the_holder_s_appeal_by_its_file_then_its_decision(
    sign_in: SignIn, file_manager: User, suspension: Decision, certified: Certificate
) -> None:
    client = sign_in(file_manager)
    register = client.get(reverse("backoffice:appeals"))
    assert reverse("backoffice:appeal-new") in register.text

    chosen = client.get(reverse("backoffice:appeal-new"), {"file": certified.number})
    assert list(chosen.context["form"].fields["decision"].queryset) == [suspension]
    response = client.post(
        lodge_url(certified),
        {
            "decision": suspension.pk,
            "grounds": "The samples were taken from a damaged roll.",
            "lodged_on": TODAY.isoformat(),
        },
        follow=True,
    )

    appeal = Appeal.objects.get()
    assert (appeal.reference, appeal.decision, appeal.appellant) == (
        "B-2026-0001",
        suspension,
        certified.holder,
    )
    assert response.redirect_chain[-1][0] == page_url(appeal)
    assert "Appeal B-2026-0001 is lodged." in response.text
    # Once under appeal, the decision is no longer offered.
    again = client.get(reverse("backoffice:appeal-new"), {"file": certified.number})
    assert list(again.context["form"].fields["decision"].queryset) == []


def test_bad_input_on_lodging_is_a_form_error_and_nothing_is_lodged(
    sign_in: SignIn, file_manager: User, suspension: Decision, certified: Certificate
) -> None:
    client = sign_in(file_manager)

    unknown = client.get(reverse("backoffice:appeal-new"), {"file": "BENOR-999999"})
    nothing = client.post(
        lodge_url(certified), {"grounds": "Unfair.", "lodged_on": TODAY.isoformat()}
    )
    early = client.post(
        lodge_url(certified),
        {"decision": suspension.pk, "grounds": "Unfair.", "lodged_on": "2026-01-01"},
    )

    assert "No file has the number BENOR-999999." in unknown.context["file_form"].errors["file"]
    assert errors(nothing) == ["An appeal is against one decision or one sanction."]
    assert errors(early)
    assert not Appeal.objects.exists()


def test_the_auditor_and_a_decision_maker_are_not_offered_to_lodge(
    sign_in: SignIn, auditor: User, suspension: Decision, certified: Certificate
) -> None:
    client = sign_in(auditor)

    register = client.get(reverse("backoffice:appeals"))
    refused = client.post(
        lodge_url(certified),
        {"decision": suspension.pk, "grounds": "Unfair.", "lodged_on": TODAY.isoformat()},
    )

    assert register.status_code == 200
    assert reverse("backoffice:appeal-new") not in register.text
    assert client.get(reverse("backoffice:appeal-new")).status_code == 403
    assert refused.status_code == 403
    assert not Appeal.objects.exists()


# The committee and its votes ---------------------------------------------------------------


def test_the_secretary_seats_the_committee_records_four_votes_and_a_decision_maker_decides(
    sign_in: SignIn,
    file_manager: User,
    appeals_officer: User,
    appeal: Appeal,
    committee: list[AppealCommitteeMember],
    certified: Certificate,
    client: Client,
) -> None:
    secretary = sign_in(file_manager)
    assert steps_offered(secretary, appeal) == {"seat"}
    secretary.post(
        step_url(appeal, "seat"),
        {"public_institutions": [m.pk for m in committee[:2]], "users": [committee[2].pk]},
    )
    secretary.post(step_url(appeal, "seat"), {"users": [committee[3].pk]})
    assert Appeal.objects.get().status == AppealStatus.LODGED  # 2+1 and 0+1: refused
    secretary.post(
        step_url(appeal, "seat"),
        {
            "public_institutions": [m.pk for m in committee[:2]],
            "users": [m.pk for m in committee[2:]],
        },
    )
    assert steps_offered(secretary, appeal) == {"seat", "vote"}
    form = secretary.get(step_url(appeal, "vote"), {"member": committee[1].pk}).context["form"]
    assert form["member"].value() == str(committee[1].pk)
    for member, ballot in zip(committee, [R, R, R, U], strict=True):
        secretary.post(step_url(appeal, "vote"), {"member": member.pk, "vote": ballot})

    page = secretary.get(page_url(appeal)).text
    table = page.split('data-testid="committee"')[1].split("</table>")[0]
    assert table.count("Reverse the decision") == 3
    assert table.count("Uphold the decision") == 1
    assert "Anne Leroy" in table
    # The votes are cast: the committee stays, and deciding is for a decision maker.
    assert steps_offered(secretary, appeal) == set()

    client.logout()
    officer = sign_in(appeals_officer)
    assert steps_offered(officer, appeal) == {"decide"}
    response = officer.post(
        step_url(appeal, "decide"),
        {"reason": "The samples were not representative."},
        follow=True,
    )

    appeal.refresh_from_db()
    certified.forget_history()
    assert (appeal.status, appeal.outcome) == (AppealStatus.DECIDED, Outcome.REVERSED)
    assert appeal.decision is not None
    # Annulled: as if the suspension had never been taken, from its own date on.
    assert certified.status_on(appeal.decision.effective) == Status.CERTIFIED
    assert certified.status_on(TODAY) == Status.CERTIFIED
    assert "Appeal B-2026-0001 is decided: decision reversed." in response.text
    assert steps_offered(officer, appeal) == set()


def test_a_committee_that_is_not_two_plus_two_is_a_form_error(
    sign_in: SignIn,
    file_manager: User,
    appeal: Appeal,
    public_members: list[AppealCommitteeMember],
) -> None:
    response = sign_in(file_manager).post(
        step_url(appeal, "seat"), {"public_institutions": [m.pk for m in public_members]}
    )

    assert response.status_code == 200
    [error] = errors(response)
    assert "this one has 3 and 0" in error
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.LODGED


def test_a_member_votes_once(
    sign_in: SignIn, file_manager: User, seated: Appeal, committee: list[AppealCommitteeMember]
) -> None:
    client = sign_in(file_manager)
    client.post(step_url(seated, "vote"), {"member": committee[0].pk, "vote": R})

    again = client.post(step_url(seated, "vote"), {"member": committee[0].pk, "vote": U})

    assert again.status_code == 200
    assert again.context["form"].errors["member"]
    assert seated.votes.get().ballot == R


def test_the_decision_maker_who_took_the_appealed_decision_is_not_offered_to_decide(
    sign_in: SignIn,
    decision_maker: User,
    file_manager: User,
    seated: Appeal,
    committee: list[AppealCommitteeMember],
) -> None:
    vote_all(seated, committee, [R, R, R, R], by=file_manager)
    client = sign_in(decision_maker)

    assert steps_offered(client, seated) == set()
    refused = client.get(step_url(seated, "decide"))
    posted = client.post(step_url(seated, "decide"), {"reason": "Reversed."})

    assert refused.status_code == 403
    assert "took the decision under appeal" in refused.text
    assert posted.status_code == 403
    seated.refresh_from_db()
    assert seated.status == AppealStatus.SEATED


def test_a_decision_maker_involved_in_the_file_is_refused_with_the_reason(
    sign_in: SignIn,
    appeals_officer: User,
    file_manager: User,
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    certified: Certificate,
) -> None:
    vote_all(seated, committee, [R, R, R, R], by=file_manager)
    certification.record_involvement(certified, appeals_officer, role=InvolvementRole.EVALUATOR)
    client = sign_in(appeals_officer)

    assert steps_offered(client, seated) == set()
    refused = client.post(step_url(seated, "decide"), {"reason": "Reversed."})

    assert refused.status_code == 403
    assert "ISO/IEC 17065" in refused.text
    seated.refresh_from_db()
    assert seated.status == AppealStatus.SEATED


def test_the_file_manager_does_not_decide_and_the_decision_maker_does_not_seat(
    sign_in: SignIn, file_manager: User, appeals_officer: User, appeal: Appeal, client: Client
) -> None:
    assert sign_in(file_manager).get(step_url(appeal, "decide")).status_code == 403
    client.logout()
    officer = sign_in(appeals_officer)
    assert steps_offered(officer, appeal) == set()
    assert officer.get(step_url(appeal, "seat")).status_code == 403


def test_an_unknown_step_or_appeal_is_not_found(
    sign_in: SignIn, file_manager: User, appeal: Appeal
) -> None:
    client = sign_in(file_manager)
    assert client.get(step_url(appeal, "overrule")).status_code == 404
    assert client.get(reverse("backoffice:appeal", args=("B-1999-0001",))).status_code == 404


# Who reads ---------------------------------------------------------------------------------


def test_the_auditor_reads_the_appeal_and_its_votes_but_is_offered_no_step(
    sign_in: SignIn,
    auditor: User,
    file_manager: User,
    seated: Appeal,
    committee: list[AppealCommitteeMember],
) -> None:
    appeals.record_vote(seated, committee[0], R, by=file_manager)
    client = sign_in(auditor)

    page = client.get(page_url(seated))

    assert page.status_code == 200
    assert reverse("backoffice:appeals") in page.text  # the nav entry
    assert "Karin Vos" in page.text
    assert "Record the vote" not in page.text
    assert steps_offered(client, seated) == set()
    assert client.get(step_url(seated, "vote")).status_code == 403
    refused = client.post(step_url(seated, "vote"), {"member": committee[1].pk, "vote": R})
    assert refused.status_code == 403
    assert seated.votes.count() == 1


def test_an_inspector_does_not_read_the_appeal_register(
    sign_in: SignIn, inspector: User, appeal: Appeal
) -> None:
    client = sign_in(inspector)
    assert client.get(reverse("backoffice:appeals")).status_code == 403
    assert reverse("backoffice:appeals") not in client.get(reverse("backoffice:queue")).text


def test_the_inspector_of_the_appealed_file_does_not_read_its_appeal(
    sign_in: SignIn, inspector: User, appeal: Appeal, body: InspectionBody, file_manager: User
) -> None:
    """She sees the file she inspects, not the body's register: no grounds, no votes."""
    certificate = appeal.decision.certificate  # type: ignore[union-attr]
    planning.plan_inspection(
        certificate, by=file_manager, body=body, inspector=inspector, planned_on=date(2026, 4, 2)
    )
    client = sign_in(inspector)
    assert client.get(reverse("backoffice:file", args=(certificate.number,))).status_code == 200
    page = client.get(reverse("backoffice:appeal", args=(appeal.reference,)))
    assert page.status_code == 404
    assert appeal.grounds not in page.text


# The admin only shows them -----------------------------------------------------------------


def test_the_admin_shows_an_appeal_with_its_votes_and_changes_nothing(
    sign_in: SignIn,
    administrator: User,
    file_manager: User,
    seated: Appeal,
    committee: list[AppealCommitteeMember],
) -> None:
    appeals.record_vote(seated, committee[3], U, by=file_manager)
    client = sign_in(administrator)
    change = reverse("admin:complaints_appeal_change", args=(seated.pk,))

    page = client.get(change)

    assert page.status_code == 200
    assert "Anne Leroy" in page.text
    assert "/step/" not in page.text
    assert client.get(reverse("admin:complaints_appeal_add")).status_code == 403
    old_step = change.replace("/change/", "/step/decide/")
    assert client.post(old_step, {"reason": "Upheld."}).status_code != 200
    seated.refresh_from_db()
    assert seated.status == AppealStatus.SEATED


def test_committee_members_are_kept_in_the_admin_and_journalled(
    sign_in: SignIn, administrator: User
) -> None:
    response = sign_in(administrator).post(
        reverse("admin:complaints_appealcommitteemember_add"),
        {
            "name": "Karin Vos",
            "organisation": "Agentschap Wegen en Verkeer",
            "constituency": "public_institution",
            "active": "on",
        },
    )

    assert response.status_code == 302
    member = AppealCommitteeMember.objects.get()
    assert JournalEntry.objects.filter(
        action="appealcommitteemember.added", object_id=str(member.pk)
    ).exists()


def test_an_appeal_is_found_by_the_holder_s_users_and_the_staff_not_by_another_holder(
    holder_member: User, other_admin: User, auditor: User, appeal: Appeal
) -> None:
    assert appeal_for(holder_member, appeal.reference) == appeal
    assert appeal_for(auditor, appeal.reference) == appeal
    with pytest.raises(NotVisible):
        appeal_for(other_admin, appeal.reference)
