"""Nobody decides on a file they inspected or evaluated (ISO/IEC 17065 7.6)."""

from datetime import date

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import LIFECYCLE, Transition
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.permissions import file_standing
from qualimark.certification.services import record_involvement
from qualimark.oversight import planning
from qualimark.oversight.models import Inspection, InspectionBody
from qualimark.parties.models import Organisation
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import Programme


def may_take(user: User, certificate: Certificate, transition: Transition) -> bool:
    """The answer of the rule the decision's service applies (and the back-office shows)."""
    return LIFECYCLE.rule(transition).act.allows(file_standing(user, certificate))


def test_steering_steps_need_steer_file_and_the_others_decide() -> None:
    def permission(transition: Transition) -> str:
        return LIFECYCLE.rule(transition).act.name

    assert permission(Transition.ADMIT) == "certification.steer_file"
    assert permission(Transition.REJECT) == "certification.steer_file"
    assert permission(Transition.START_TRIAL) == "certification.steer_file"
    assert permission(Transition.GRANT) == "certification.decide"
    assert permission(Transition.SUSPEND) == "certification.decide"
    assert permission(Transition.RENOUNCE) == "certification.renounce"


def test_a_file_manager_steers_but_does_not_grant(
    in_trial: Certificate, file_manager: User
) -> None:
    assert may_take(file_manager, in_trial, Transition.WITHDRAW_APPLICATION)
    assert not may_take(file_manager, in_trial, Transition.GRANT)


def test_a_decision_maker_who_evaluated_the_file_cannot_decide_on_it(
    certified: Certificate, decision_maker: User
) -> None:
    assert may_take(decision_maker, certified, Transition.SUSPEND)

    record_involvement(certified, decision_maker, role=InvolvementRole.EVALUATOR)

    assert not decision_maker.has_perm("certification.decide", certified)
    assert not may_take(decision_maker, certified, Transition.SUSPEND)


def test_the_administrator_who_inspected_the_file_cannot_decide_on_it(
    certified: Certificate, administrator: User
) -> None:
    record_involvement(certified, administrator, role=InvolvementRole.INSPECTOR)

    assert not administrator.has_perm("certification.decide", certified)
    assert not administrator.has_perm("certification.steer_file", certified)


def test_a_file_manager_involved_in_the_file_cannot_steer_it(
    application: Certificate, file_manager: User
) -> None:
    record_involvement(application, file_manager, role=InvolvementRole.EVALUATOR)

    assert not may_take(file_manager, application, Transition.ADMIT)


def test_involvement_in_one_file_leaves_the_others_open(
    certified: Certificate,
    decision_maker: User,
    file_manager: User,
    other_holder: Organisation,
    geotextiles_benor: Programme,
) -> None:
    unit = add_production_unit(
        other_holder,
        by=file_manager,
        name="Plant Kortrijk",
        street="Kaai 1",
        postal_code="8500",
        town="Kortrijk",
    )
    other = certification.apply_for_certification(
        holder=other_holder,
        programme=geotextiles_benor,
        production_unit=unit,
        by=file_manager,
        applied_on=date(2026, 2, 2),
    )

    record_involvement(certified, decision_maker, role=InvolvementRole.EVALUATOR)

    assert decision_maker.has_perm("certification.steer_file", other)
    assert not decision_maker.has_perm("certification.steer_file", certified)


def test_an_inspector_cannot_decide_even_on_files_it_sees(
    planned: Inspection, certified: Certificate, inspector: User
) -> None:
    assert inspector.has_perm("certification.view_file", certified)
    assert not may_take(inspector, certified, Transition.SUSPEND)
    assert not may_take(inspector, certified, Transition.ADMIT)


def test_a_file_manager_does_not_evaluate_the_report_of_an_inspection_he_made(
    planned: Inspection, body: InspectionBody, file_manager: User, reviewer: User
) -> None:
    body.inspectors.add(file_manager)
    own = planning.plan_inspection(
        planned.certificate,
        by=file_manager,
        body=body,
        inspector=file_manager,
        planned_on=planned.planned_on,
    )

    assert not file_manager.has_perm("oversight.evaluate_report", own)
    assert file_manager.has_perm("oversight.evaluate_report", planned)
    assert reviewer.has_perm("oversight.evaluate_report", own)
