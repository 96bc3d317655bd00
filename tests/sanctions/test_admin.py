"""Staff impose, end and revoke sanctions and handle proposals in the admin, through services."""

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.parties.roles import system_actor
from qualimark.sanctions.models import Proposal, ProposalKind, Sanction, SanctionKind
from qualimark.sanctions.proposals import propose_next_step
from qualimark.sanctions.services import impose_sanction

TODAY = date(2026, 3, 16)


@pytest.fixture
def staff(client: Client, decision_maker: User) -> Client:
    """The decision maker in the admin, with every permission, reading English."""
    decision_maker.is_superuser = True
    decision_maker.save(update_fields=["is_superuser"])
    client.force_login(decision_maker)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _url(name: str, *args: Any) -> str:
    return reverse(f"admin:sanctions_{name}", args=args)


def _impose(client: Client, certificate: Certificate, **fields: Any) -> Any:
    data = {
        "certificate": certificate.pk,
        "kind": SanctionKind.SUSPENSION.value,
        "effective": "2026-03-16",
        "until": "",
        "inspections_per_year": "",
        "reason": "Major nonconformity not corrected.",
        "evidence_description": "Inspection report 2026-014",
        "evidence_url": "",
        **fields,
    }
    return client.post(_url("sanction_add"), data)


def test_imposing_a_suspension_in_the_admin_suspends_the_certificate(
    staff: Client, certified: Certificate, decision_maker: User
) -> None:
    response = _impose(staff, certified, until="2026-05-01")

    sanction = Sanction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("sanction_change", sanction.pk)
    assert sanction.decided_by == decision_maker
    assert certified.status_on(TODAY) == Status.SUSPENDED
    assert certified.status_on(date(2026, 5, 1)) == Status.CERTIFIED


def test_the_add_page_can_start_from_a_certificate(staff: Client, certified: Certificate) -> None:
    page = staff.get(_url("sanction_add") + f"?certificate={certified.pk}")

    assert page.status_code == 200
    assert page.context["form"]["certificate"].value() == str(certified.pk)


def test_a_refused_sanction_is_shown_as_an_error_on_the_form(
    staff: Client, certified: Certificate, decision_maker: User
) -> None:
    record_involvement(certified, decision_maker, role=InvolvementRole.EVALUATOR)

    response = _impose(staff, certified)

    assert response.status_code == 200
    assert "cannot decide on it" in str(response.context["form"].non_field_errors())
    assert not Sanction.objects.exists()
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_stricter_oversight_without_enough_inspections_is_refused_on_the_form(
    staff: Client, certified: Certificate
) -> None:
    missing = _impose(staff, certified, kind=SanctionKind.STRICTER_OVERSIGHT.value)
    too_few = _impose(
        staff, certified, kind=SanctionKind.STRICTER_OVERSIGHT.value, inspections_per_year="3"
    )

    assert "needs its number of inspections per year" in str(
        missing.context["form"].non_field_errors()
    )
    assert "normal minimum" in str(too_few.context["form"].non_field_errors())
    assert not Sanction.objects.exists()


def test_garbage_in_the_form_gives_errors_not_a_crash(
    staff: Client, certified: Certificate
) -> None:
    response = _impose(
        staff, certified, kind="fine", effective="yesterday", inspections_per_year="many"
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"kind", "effective", "inspections_per_year"}


def test_a_sanction_cannot_be_edited_or_deleted_in_the_admin(
    staff: Client, certified: Certificate, decision_maker: User
) -> None:
    sanction = impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late.")

    page = staff.get(_url("sanction_change", sanction.pk))
    assert page.status_code == 200
    assert _url("sanction_end", sanction.pk) in page.content.decode()
    assert staff.post(_url("sanction_change", sanction.pk), {"reason": "x"}).status_code == 403
    assert staff.post(_url("sanction_delete", sanction.pk), {"post": "yes"}).status_code == 403


def test_lifting_a_suspension_in_the_admin(
    staff: Client, certified: Certificate, decision_maker: User
) -> None:
    sanction = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Nonconformity.",
        effective=date(2026, 3, 2),
    )

    form = staff.get(_url("sanction_end", sanction.pk))
    response = staff.post(
        _url("sanction_end", sanction.pk),
        {"ending": "lift", "effective": "2026-03-16", "reason": "Corrected."},
    )

    assert [c[0] for c in form.context["form"].fields["ending"].choices] == ["lift", "revoke"]
    assert response.status_code == 302
    sanction.refresh_from_db()
    assert sanction.ended_on == TODAY
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_an_impossible_ending_is_shown_as_an_error(
    staff: Client, certified: Certificate, decision_maker: User
) -> None:
    sanction = impose_sanction(
        certified, SanctionKind.SUSPENSION, by=decision_maker, reason="Nonconformity."
    )

    response = staff.post(
        _url("sanction_end", sanction.pk),
        {"ending": "lift", "effective": "2026-03-01", "reason": "Corrected."},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert certified.status_on(TODAY) == Status.SUSPENDED


def test_the_sanction_list_filters_those_in_force_today(
    staff: Client, certified: Certificate, decision_maker: User
) -> None:
    running = impose_sanction(
        certified, SanctionKind.WARNING, by=decision_maker, reason="Late again."
    )
    over = impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Nonconformities.",
        effective=date(2026, 2, 2),
        until=date(2026, 3, 2),
        inspections_per_year=8,
    )

    in_force = staff.get(_url("sanction_changelist") + "?in_force=yes")
    not_in_force = staff.get(_url("sanction_changelist") + "?in_force=no")

    assert list(in_force.context["cl"].result_list) == [running]
    assert list(not_in_force.context["cl"].result_list) == [over]


def test_staff_without_the_permission_cannot_impose_a_sanction(
    client: Client, certified: Certificate, file_manager: User
) -> None:
    client.force_login(file_manager)

    assert _impose(client, certified).status_code == 403
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_marking_proposals_as_handled_asks_what_was_done(
    staff: Client, certified: Certificate, decision_maker: User
) -> None:
    proposal, _created = propose_next_step(
        certified,
        ProposalKind.OVERDUE_CORRECTIVE_ACTION,
        by=system_actor(),
        text="Corrective action 17 is overdue.",
        source="corrective-action:17",
    )
    action = {"action": "mark_as_handled", "_selected_action": [proposal.pk]}

    asked = staff.post(_url("proposal_changelist"), action)
    done = staff.post(_url("proposal_changelist"), {**action, "resolution": "Warning given."})

    assert asked.status_code == 200
    assert "Corrective action 17 is overdue." in asked.content.decode()
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert proposal.resolved_by == decision_maker
    assert proposal.resolution == "Warning given."
    assert Proposal.objects.filter(resolved_at__isnull=True).count() == 0
    assert staff.get(_url("proposal_add")).status_code == 403


def test_a_file_manager_is_not_offered_the_ending_of_a_sanction_and_is_refused_it(
    client: Client, certified: Certificate, decision_maker: User, file_manager: User
) -> None:
    sanction = impose_sanction(
        certified, SanctionKind.SUSPENSION, by=decision_maker, reason="Nonconformity."
    )
    file_manager.user_permissions.add(*Permission.objects.filter(codename="view_sanction"))
    client.force_login(file_manager)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    page = client.get(_url("sanction_change", sanction.pk))
    response = client.post(
        _url("sanction_end", sanction.pk),
        {"ending": "lift", "effective": "2026-03-16", "reason": "Corrected."},
    )

    assert page.status_code == 200
    assert _url("sanction_end", sanction.pk) not in page.content.decode()
    assert response.status_code == 200
    assert "may not lift the suspension" in str(response.context["form"].non_field_errors())
    assert certified.status_on(TODAY) == Status.SUSPENDED
