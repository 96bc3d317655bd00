"""Each role walks its queue and acts through the pages: the file changes, the queue shrinks."""

from datetime import date
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.backoffice.queue import Section
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.datasheets import proposals
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import Inspection, InspectionBody
from qualimark.parties.roles import system_actor
from qualimark.parties.services import add_production_unit
from qualimark.sanctions.models import ProposalKind
from qualimark.sanctions.services import propose_next_step

from .conftest import TODAY, SignIn, at


def queue_of(client: Client) -> dict[str, Section]:
    response = client.get(reverse("backoffice:queue"))
    assert response.status_code == 200
    return {section.key: section for section in response.context["sections"]}


def test_each_role_sees_the_sections_of_its_roles_only(
    sign_in: SignIn,
    file_manager: User,
    reviewer: User,
    decision_maker: User,
    inspector: User,
    body: InspectionBody,
    administrator: User,
    auditor: User,
) -> None:
    expected = {
        file_manager: {
            "applications",
            "proposals",
            "reports",
            "corrective_actions",
            "inspections_due",
            "datasheet_proposals",
            "complaints",
            "lots_to_plan",
            "lots_to_conclude",
        },
        reviewer: {"reports", "corrective_actions"},
        decision_maker: {
            "applications",
            "decisions",
            "proposals",
            "complaints",
            "lots_to_conclude",
        },
        inspector: {"my_inspections", "my_reports", "my_lots"},
        auditor: set(),  # she reads the registers; nothing waits for her
    }
    for user, sections in expected.items():
        assert set(queue_of(sign_in(user))) == sections, user
    everything = set().union(*expected.values())
    inspectors_own = {"my_inspections", "my_reports", "my_lots"}
    assert set(queue_of(sign_in(administrator))) == everything - inspectors_own


def test_a_file_manager_admits_an_application_then_starts_its_trial(
    sign_in: SignIn, file_manager: User, application: Certificate
) -> None:
    client = sign_in(file_manager)
    item = queue_of(client)["applications"].items[0]
    assert item.title.startswith(application.number)
    assert "admissibility" in item.detail
    page = client.get(item.url)
    assert reverse("backoffice:decide", args=(application.number, "admit")).encode() in page.content

    response = client.post(
        reverse("backoffice:decide", args=(application.number, "admit")),
        {"reason": "The file is complete.", "effective": TODAY.isoformat()},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("backoffice:file", args=(application.number,))
    assert b"Decision recorded on" in response.content
    assert application.status_on(TODAY) == Status.ADMISSIBLE
    assert "trial period" in queue_of(client)["applications"].items[0].detail

    client.post(
        reverse("backoffice:decide", args=(application.number, "start_trial")),
        {"reason": "Trial period begins.", "effective": TODAY.isoformat()},
    )
    application.forget_history()
    assert application.status_on(TODAY) == Status.TRIAL
    assert queue_of(client)["applications"].count == 0


def test_a_decision_maker_grants_a_file_whose_trial_has_run_long_enough(
    sign_in: SignIn, decision_maker: User, in_trial: Certificate
) -> None:
    client = sign_in(decision_maker)
    decisions = queue_of(client)["decisions"]
    assert [item.title for item in decisions.items] == [f"{in_trial.number} – Geotex Belgium"]
    assert "grant or refuse" in decisions.items[0].detail

    response = client.post(
        reverse("backoffice:decide", args=(in_trial.number, "grant")),
        {
            "reason": "Eight weeks of trial without findings.",
            "effective": TODAY.isoformat(),
            "expires_on": "2029-03-16",
        },
    )
    assert response.status_code == 302
    assert in_trial.status_on(TODAY) == Status.CERTIFIED
    in_trial.refresh_from_db()
    assert in_trial.expires_on == date(2029, 3, 16)
    assert queue_of(client)["decisions"].count == 0


def test_a_recent_trial_does_not_wait_for_a_decision_yet(
    sign_in: SignIn, decision_maker: User, application: Certificate, file_manager: User
) -> None:
    certification.admit_application(application, by=file_manager, reason="Complete.")
    certification.start_trial_period(application, by=file_manager, reason="Trial.")
    assert queue_of(sign_in(decision_maker))["decisions"].count == 0


def test_a_reviewer_evaluates_a_report_whose_window_closed(
    sign_in: SignIn, reviewer: User, reported: Inspection
) -> None:
    client = sign_in(reviewer)
    reports = queue_of(client)["reports"]
    assert [item.url for item in reports.items] == [
        reverse("backoffice:inspection", args=(reported.reference,))
    ]
    page = client.get(reports.items[0].url)
    evaluate = reverse("backoffice:inspection-step", args=(reported.reference, "evaluate"))
    assert evaluate.encode() in page.content
    finding = reported.findings.get()

    response = client.post(
        evaluate,
        {
            f"conclusion_{finding.pk}": "confirmed",
            f"new_kind_{finding.pk}": "",
            "measure": "corrective_action",
            "note": "Tensile tests to be resumed.",
            "action_description": "Test every lot again.",
            "action_due_on": "2026-04-15",
        },
    )
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.status == InspectionStatus.EVALUATED
    assert queue_of(client)["reports"].count == 0


def test_the_inspector_of_a_report_never_finds_it_to_evaluate(
    sign_in: SignIn, file_manager: User, reported: Inspection, body: InspectionBody
) -> None:
    """A file manager who also inspects: the report of their own visit is not for them."""
    body.inspectors.add(file_manager)
    Inspection.objects.filter(pk=reported.pk).update(inspector=file_manager)
    assert queue_of(sign_in(file_manager))["reports"].count == 0


def test_an_inspector_carries_out_the_inspection_assigned_to_them(
    sign_in: SignIn, inspector: User, planned: Inspection
) -> None:
    client = sign_in(inspector)
    queue = queue_of(client)
    assert [item.title for item in queue["my_inspections"].items] == [
        f"{planned.reference} – Geotex Belgium"
    ]
    response = client.post(
        reverse("backoffice:inspection-step", args=(planned.reference, "carry-out")),
        {"inspector": inspector.pk, "visited_on": TODAY.isoformat(), "summary": "Plant visited."},
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == InspectionStatus.CARRIED_OUT
    queue = queue_of(client)
    assert queue["my_inspections"].count == 0
    assert queue["my_reports"].count == 1


def test_a_file_manager_plans_an_inspection_that_falls_due(
    sign_in: SignIn,
    file_manager: User,
    certified: Certificate,
    tra_829: object,
    body: InspectionBody,
    inspector: User,
) -> None:
    """Certified on 2 February, 4 inspections a year, never visited: due on 4 May."""
    client = sign_in(file_manager)
    assert queue_of(client)["inspections_due"].count == 0  # more than 30 days ahead
    with at(date(2026, 5, 6)):
        due = queue_of(client)["inspections_due"]
        assert [item.title for item in due.items] == [f"{certified.number} – Geotex Belgium"]
        assert due.items[0].late
        assert "not planned" in due.items[0].detail
        response = client.post(
            reverse("backoffice:plan", args=(certified.number,)),
            {
                "certificate": certified.pk,
                "body": body.pk,
                "inspector": inspector.pk,
                "planned_on": "2026-05-07",
                "unannounced": "on",
            },
        )
        assert response.status_code == 302
        assert "Planned on" in queue_of(client)["inspections_due"].items[0].detail
    assert Inspection.objects.get(certificate=certified).planned_on == date(2026, 5, 7)


def test_an_overdue_corrective_action_is_listed_for_the_file_manager(
    sign_in: SignIn, file_manager: User, reported: Inspection, reviewer: User
) -> None:
    from qualimark.oversight import evaluation
    from qualimark.oversight.models import ConclusionKind, Measure

    finding = reported.findings.get()
    evaluation.evaluate_report(
        reported,
        by=reviewer,
        conclusions={finding: evaluation.Conclusion(ConclusionKind.CONFIRMED)},
        measure=Measure.CORRECTIVE_ACTION,
        corrective_actions=[evaluation.ActionPlan("Test every lot again.", date(2026, 3, 20))],
    )
    assert queue_of(sign_in(file_manager))["corrective_actions"].count == 0
    with at(date(2026, 3, 23)):
        actions = queue_of(sign_in(file_manager))["corrective_actions"]
    assert actions.count == 1
    assert actions.items[0].late


def test_the_queue_costs_the_same_whatever_the_amount_of_work(
    sign_in: SignIn,
    administrator: User,
    reported: Inspection,
    holder_member: User,
    file_manager: User,
    django_assert_max_num_queries: Any,
) -> None:
    certificate = reported.certificate

    def add_work(number: int) -> None:
        """One more application, sanction proposal and datasheet proposal."""
        unit = add_production_unit(
            certificate.holder,
            by=file_manager,
            name=f"Plant {number}",
            street="Dok 1",
            postal_code="9000",
            town="Gent",
        )
        other = certification.apply_for_certification(
            holder=certificate.holder,
            programme=certificate.programme,
            production_unit=unit,
            by=holder_member,
            applied_on=date(2026, 1, 5),
        )
        if number % 2:
            certification.admit_application(other, by=file_manager, reason="Complete.")
        propose_next_step(
            certificate,
            ProposalKind.SANCTION_PROPOSED,
            by=system_actor(),
            text="!",
            source=f"t:{number}",
        )
        proposals.propose_datasheet(
            certificate,
            by=holder_member,
            product_name=f"NW {number}",
            trade_name=f"T {number}",
            characteristics=[],
        )

    client = sign_in(administrator)
    add_work(0)
    with CaptureQueriesContext(connection) as some_work:
        assert queue_of(client)["applications"].count == 1
    for number in range(1, 6):
        add_work(number)
    with django_assert_max_num_queries(len(some_work)):
        sections = queue_of(client)
    assert sections["applications"].count == 6
    assert sections["proposals"].count == 6
    assert sections["datasheet_proposals"].count == 6


def test_a_decision_maker_acts_on_a_proposed_sanction_and_marks_it_handled(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    proposal, _created = propose_next_step(
        certified,
        ProposalKind.SANCTION_PROPOSED,
        by=system_actor(),
        text="Report 2026-00001 proposes a sanction.",
        source="evaluation:1",
    )
    client = sign_in(decision_maker)
    item = queue_of(client)["proposals"].items[0]
    assert "Report 2026-00001 proposes a sanction." in item.detail
    handle = reverse("backoffice:handle-proposal", args=(certified.number, proposal.pk))
    assert handle.encode() in client.get(item.url).content

    client.post(
        reverse("backoffice:decide", args=(certified.number, "suspend")),
        {"reason": "Serious nonconformity.", "effective": TODAY.isoformat()},
    )
    response = client.post(handle, {"resolution": "Suspended until the tests are resumed."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.resolved_by == decision_maker
    assert queue_of(client)["proposals"].items == []
    remaining = queue_of(client)["decisions"].items
    assert "Suspended since" in remaining[0].detail  # the suspension now waits to be lifted


def test_a_reviewer_may_not_mark_a_proposal_handled_and_is_told_why(
    sign_in: SignIn, reviewer: User, certified: Certificate
) -> None:
    proposal, _created = propose_next_step(
        certified,
        ProposalKind.SANCTION_PROPOSED,
        by=system_actor(),
        text="Sanction?",
        source="evaluation:2",
    )
    url = reverse("backoffice:handle-proposal", args=(certified.number, proposal.pk))
    client = sign_in(reviewer)

    shown = client.get(url)
    response = client.post(url, {"resolution": "Nothing."})

    assert (shown.status_code, response.status_code) == (403, 403)
    assert b"may not handle a proposed next step" in response.content
    proposal.refresh_from_db()
    assert proposal.is_open


def test_a_file_manager_marks_a_proposal_handled(
    sign_in: SignIn, file_manager: User, certified: Certificate
) -> None:
    proposal, _created = propose_next_step(
        certified,
        ProposalKind.SANCTION_PROPOSED,
        by=system_actor(),
        text="Sanction?",
        source="evaluation:2",
    )
    url = reverse("backoffice:handle-proposal", args=(certified.number, proposal.pk))

    response = sign_in(file_manager).post(url, {"resolution": "A warning is enough."})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.resolved_by == file_manager


def test_a_file_manager_who_evaluated_the_file_may_not_mark_its_proposal_handled(
    sign_in: SignIn, file_manager: User, certified: Certificate
) -> None:
    proposal, _created = propose_next_step(
        certified,
        ProposalKind.SANCTION_PROPOSED,
        by=system_actor(),
        text="Sanction?",
        source="evaluation:2",
    )
    record_involvement(certified, file_manager, role=InvolvementRole.EVALUATOR)
    url = reverse("backoffice:handle-proposal", args=(certified.number, proposal.pk))

    response = sign_in(file_manager).post(url, {"resolution": "Nothing."})

    assert response.status_code == 403
    assert b"ISO/IEC 17065" in response.content
    proposal.refresh_from_db()
    assert proposal.is_open


def test_a_file_manager_is_offered_to_handle_a_proposed_next_step_on_the_file_page(
    sign_in: SignIn, file_manager: User, reviewer: User, certified: Certificate
) -> None:
    proposal, _created = propose_next_step(
        certified,
        ProposalKind.OVERDUE_CORRECTIVE_ACTION,
        by=system_actor(),
        text="Corrective action overdue.",
        source="test:overdue",
    )
    handle = reverse("backoffice:handle-proposal", args=(certified.number, proposal.pk))
    file_page = reverse("backoffice:file", args=(certified.number,))

    assert handle in sign_in(file_manager).get(file_page).content.decode()
    assert handle not in sign_in(reviewer).get(file_page).content.decode()
