"""Every transition of the lifecycle, allowed and refused, through the services."""

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.backoffice.timeline import file_timeline
from qualimark.certification import services as s
from qualimark.certification.exceptions import TransitionNotAllowed
from qualimark.certification.lifecycle import Status, Transition
from qualimark.certification.models import Certificate, Decision, StatusPeriod
from qualimark.documents.letters import decision_letter_pdf
from qualimark.journal.models import JournalEntry
from qualimark.parties.services import add_production_unit
from tests.test_documents import pdf_text

# The lifecycle of DOMAIN.md, written out by hand (not read from the code's table):
# which transitions each status allows, and where they lead.
EXPECTED: dict[Status, dict[Transition, Status]] = {
    Status.APPLIED: {
        Transition.ADMIT: Status.ADMISSIBLE,
        Transition.REJECT: Status.REJECTED,
        Transition.WITHDRAW_APPLICATION: Status.APPLICATION_WITHDRAWN,
    },
    Status.ADMISSIBLE: {
        Transition.START_TRIAL: Status.TRIAL,
        Transition.WITHDRAW_APPLICATION: Status.APPLICATION_WITHDRAWN,
    },
    Status.TRIAL: {
        Transition.GRANT: Status.CERTIFIED,
        Transition.REFUSE: Status.NOT_GRANTED,
        Transition.WITHDRAW_APPLICATION: Status.APPLICATION_WITHDRAWN,
    },
    Status.CERTIFIED: {
        Transition.SUSPEND: Status.SUSPENDED,
        Transition.WITHDRAW: Status.WITHDRAWN,
        Transition.RENOUNCE: Status.RENOUNCED,
        Transition.EXPIRE: Status.EXPIRED,
        Transition.RENEW: Status.CERTIFIED,
    },
    Status.SUSPENDED: {
        Transition.LIFT: Status.CERTIFIED,
        Transition.WITHDRAW: Status.WITHDRAWN,
        Transition.RENOUNCE: Status.RENOUNCED,
        Transition.EXPIRE: Status.EXPIRED,
    },
    Status.REJECTED: {},
    Status.APPLICATION_WITHDRAWN: {},
    Status.NOT_GRANTED: {},
    Status.WITHDRAWN: {},
    Status.RENOUNCED: {},
    Status.EXPIRED: {},
}

DAY = date(2026, 3, 2)

# How to reach each status from an application (service, decided by the file manager).
PATHS: dict[Status, list[Transition]] = {
    Status.APPLIED: [],
    Status.ADMISSIBLE: [Transition.ADMIT],
    Status.REJECTED: [Transition.REJECT],
    Status.APPLICATION_WITHDRAWN: [Transition.WITHDRAW_APPLICATION],
    Status.TRIAL: [Transition.ADMIT, Transition.START_TRIAL],
    Status.NOT_GRANTED: [Transition.ADMIT, Transition.START_TRIAL, Transition.REFUSE],
    Status.CERTIFIED: [Transition.ADMIT, Transition.START_TRIAL, Transition.GRANT],
    Status.SUSPENDED: [
        Transition.ADMIT,
        Transition.START_TRIAL,
        Transition.GRANT,
        Transition.SUSPEND,
    ],
    Status.WITHDRAWN: [
        Transition.ADMIT,
        Transition.START_TRIAL,
        Transition.GRANT,
        Transition.WITHDRAW,
    ],
    Status.RENOUNCED: [
        Transition.ADMIT,
        Transition.START_TRIAL,
        Transition.GRANT,
        Transition.RENOUNCE,
    ],
    Status.EXPIRED: [Transition.ADMIT, Transition.START_TRIAL, Transition.GRANT, Transition.EXPIRE],
}


def call(transition: Transition, certificate: Certificate, by: User, effective: date) -> None:
    """Take `transition` as `by`, or as the holder's administrator where it is the holder's act."""
    if transition == Transition.RENOUNCE:
        by = User.objects.get(email="an.peeters@geotex.example")
    services: dict[Transition, Callable[..., object]] = {
        Transition.ADMIT: s.admit_application,
        Transition.REJECT: s.reject_application,
        Transition.WITHDRAW_APPLICATION: s.withdraw_application,
        Transition.START_TRIAL: s.start_trial_period,
        Transition.GRANT: s.grant_certificate,
        Transition.REFUSE: s.refuse_certificate,
        Transition.SUSPEND: s.suspend_certificate,
        Transition.LIFT: s.lift_suspension,
        Transition.WITHDRAW: s.withdraw_certificate,
        Transition.RENOUNCE: s.renounce_certificate,
        Transition.EXPIRE: s.expire_certificate,
    }
    if transition == Transition.RENEW:
        s.renew_certificate(
            certificate, by=by, reason="Renewal.", effective=effective, expires_on=date(2030, 1, 1)
        )
    else:
        services[transition](certificate, by=by, reason="Reason.", effective=effective)


def bring_to(status: Status, certificate: Certificate, by: User) -> Certificate:
    for step, transition in enumerate(PATHS[status]):
        call(transition, certificate, by, date(2026, 2, 1 + step))
    assert certificate.status_on(date(2026, 2, 28)) == status
    return certificate


# Outside an appeal: annulments on appeal have tests of their own (test_appeal_annulments).
ORDINARY = [t for t in Transition if t not in (Transition.APPLY, Transition.ANNUL)]


@pytest.mark.parametrize("start", list(EXPECTED))
@pytest.mark.parametrize("transition", ORDINARY)
@pytest.mark.usefixtures("holder_member")
def test_transition_is_allowed_exactly_as_the_lifecycle_says(
    start: Status, transition: Transition, application: Certificate, decision_maker: User
) -> None:
    certificate = bring_to(start, application, decision_maker)
    decisions = Decision.objects.count()
    periods = StatusPeriod.objects.count()
    journal = JournalEntry.objects.count()
    target = EXPECTED[start].get(transition)
    if target is None:
        with pytest.raises(TransitionNotAllowed):
            call(transition, certificate, decision_maker, DAY)
        assert Decision.objects.count() == decisions
        assert StatusPeriod.objects.count() == periods
        assert JournalEntry.objects.count() == journal
        assert Certificate.objects.get(pk=certificate.pk).status_on(DAY) == start
    else:
        call(transition, certificate, decision_maker, DAY)
        assert Certificate.objects.get(pk=certificate.pk).status_on(DAY) == target
        decision = Decision.objects.latest("id")
        assert (decision.from_status, decision.to_status) == (start, target)
        assert decision.decided_by.email == (
            "an.peeters@geotex.example"
            if transition == Transition.RENOUNCE
            else decision_maker.email
        )
        assert JournalEntry.objects.filter(action=f"certificate.{transition.value}").exists()


def test_refusal_says_what_the_file_is_and_what_the_action_needs(
    certified: Certificate, decision_maker: User
) -> None:
    with translation.override("en"), pytest.raises(TransitionNotAllowed) as refused:
        s.lift_suspension(certified, by=decision_maker, reason="Lift.", effective=DAY)
    assert "certified" in str(refused.value)
    assert "suspended" in str(refused.value)


def test_a_decision_without_reason_is_refused(certified: Certificate, decision_maker: User) -> None:
    from qualimark.certification.exceptions import InvalidDecision

    with pytest.raises(InvalidDecision):
        s.suspend_certificate(certified, by=decision_maker, reason="  ", effective=DAY)
    assert certified.status_on(DAY) == Status.CERTIFIED


def test_the_certificate_number_is_given_at_application_and_kept(application: Certificate) -> None:
    assert application.number == "BENOR-000001"
    assert application.status_on(date(2026, 1, 5)) == Status.APPLIED
    assert application.status_on(date(2026, 1, 4)) is None


def test_evidence_is_recorded_with_the_decision(
    certified: Certificate, decision_maker: User
) -> None:
    decision = s.suspend_certificate(
        certified,
        by=decision_maker,
        reason="Major nonconformity not corrected.",
        effective=DAY,
        evidence=[s.EvidenceLink("Inspection report 2026-014", "https://example.org/r/2026-014")],
    )
    assert [(e.description, e.url) for e in decision.evidence.all()] == [
        ("Inspection report 2026-014", "https://example.org/r/2026-014")
    ]


def test_an_end_date_on_anything_but_a_suspension_is_refused(
    in_trial: Certificate, decision_maker: User
) -> None:
    from qualimark.certification.exceptions import InvalidDecision

    with pytest.raises(InvalidDecision):
        s.take_decision(
            in_trial, Transition.GRANT, by=decision_maker, reason="Ok.", until=date(2027, 1, 1)
        )
    assert in_trial.status_on(date(2026, 3, 16)) == Status.TRIAL


def test_a_decision_taken_by_name_goes_through_its_service(
    certified: Certificate, decision_maker: User
) -> None:
    decision = s.take_decision(
        certified,
        Transition.SUSPEND,
        by=decision_maker,
        reason="Nonconformity.",
        until=date(2026, 4, 1),
    )
    assert (decision.transition, decision.until) == (Transition.SUSPEND, date(2026, 4, 1))
    assert certified.status_on(date(2026, 4, 1)) == Status.CERTIFIED


def test_a_decision_records_the_reference_documents_in_force_on_its_effective_date(
    tra_829: object,
    application: Certificate,
    file_manager: User,
) -> None:
    """What the decision applied, for whoever traces it later: the versions of its day."""
    admitted = s.admit_application(
        application, by=file_manager, reason="Complete.", effective=date(2026, 1, 12)
    )
    applied = application.decisions.get(transition=Transition.APPLY)
    unit = add_production_unit(
        application.holder,
        by=file_manager,
        name="Plant Aalst",
        street="Dok 3",
        postal_code="9300",
        town="Aalst",
    )
    older = s.apply_for_certification(
        holder=application.holder,
        programme=application.programme,
        production_unit=unit,
        by=file_manager,
        applied_on=date(2020, 6, 1),
    )

    def documents(decision: Decision) -> list[str]:
        return sorted(str(version) for version in decision.document_versions.all())

    assert documents(applied) == documents(admitted) == ["PTV 829 2021.2", "TRA 829 2022.1"]
    # In 2020 the PTV's version 2019.1 was in force, and the TRA did not exist yet.
    assert documents(older.decisions.get()) == ["PTV 829 2019.1"]
    with translation.override("en"):
        told = " ".join(event.text for event in file_timeline(application))
        letter = pdf_text(decision_letter_pdf(admitted, language="en"))
    assert "Under PTV 829 2021.2, TRA 829 2022.1." in told
    assert "PTV 829 2021.2, TRA 829 2022.1" in letter
