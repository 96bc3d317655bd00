"""ISO/IEC 17065: whoever evaluated or inspected a file never decides on it."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification import services
from qualimark.certification.exceptions import SeparationOfDutiesError
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision, InvolvementRole
from qualimark.journal.models import JournalEntry
from qualimark.parties.services import add_production_unit


def test_a_decision_maker_who_inspected_a_file_cannot_suspend_it(
    certified: Certificate, decision_maker: User
) -> None:
    services.record_involvement(certified, decision_maker, role=InvolvementRole.INSPECTOR)
    decisions, journal = Decision.objects.count(), JournalEntry.objects.count()

    with pytest.raises(SeparationOfDutiesError) as refused:
        services.suspend_certificate(
            certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 16)
        )

    assert "ISO/IEC 17065" in str(refused.value)
    assert certified.status_on(date(2026, 3, 16)) == Status.CERTIFIED
    assert (Decision.objects.count(), JournalEntry.objects.count()) == (decisions, journal)


def test_the_evaluator_of_a_file_cannot_grant_it(
    in_trial: Certificate, decision_maker: User
) -> None:
    services.record_involvement(in_trial, decision_maker, role=InvolvementRole.EVALUATOR)

    with pytest.raises(SeparationOfDutiesError):
        services.grant_certificate(in_trial, by=decision_maker, reason="Passed.")

    assert in_trial.status_on(date(2026, 3, 16)) == Status.TRIAL


def test_someone_not_involved_decides_on_the_same_file(
    certified: Certificate, inspector: User, decision_maker: User
) -> None:
    services.record_involvement(certified, inspector, role=InvolvementRole.INSPECTOR)

    services.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")

    assert certified.status_on(date(2026, 3, 16)) == Status.SUSPENDED


def test_involvement_in_one_file_does_not_bar_decisions_on_another(
    certified: Certificate, decision_maker: User, holder_admin: User, file_manager: User
) -> None:
    second_unit = add_production_unit(
        certified.holder,
        by=file_manager,
        name="Plant Aalst",
        street="Dendermondsesteenweg 1",
        postal_code="9300",
        town="Aalst",
    )
    other = services.apply_for_certification(
        holder=certified.holder,
        programme=certified.programme,
        production_unit=second_unit,
        by=holder_admin,
    )
    services.record_involvement(certified, decision_maker, role=InvolvementRole.INSPECTOR)

    services.admit_application(other, by=decision_maker, reason="Complete file.")
    with pytest.raises(SeparationOfDutiesError):
        services.withdraw_certificate(certified, by=decision_maker, reason="Misuse of the mark.")

    assert other.status_on(date(2026, 3, 16)) == Status.ADMISSIBLE
    assert certified.status_on(date(2026, 3, 16)) == Status.CERTIFIED


def test_the_holder_may_renounce_even_if_it_took_part_in_an_inspection(
    certified: Certificate, holder_admin: User
) -> None:
    """Renouncing is the holder's own act, not a decision of the certification body."""
    services.record_involvement(certified, holder_admin, role=InvolvementRole.EVALUATOR)

    services.renounce_certificate(certified, by=holder_admin, reason="Production stopped.")

    assert certified.status_on(date(2026, 3, 16)) == Status.RENOUNCED
