"""The complaint register: registration, the steps in their order, and what follows."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.exceptions import SeparationOfDutiesError
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.complaints import services
from qualimark.complaints.exceptions import InvalidComplaint, StepNotAllowed
from qualimark.complaints.lifecycle import ComplaintStatus
from qualimark.complaints.models import Complaint, SubjectKind
from qualimark.complaints.services import Complainant, Subject
from qualimark.errors import ConflictOfInterest, NotPermitted, NotVisible
from qualimark.journal.models import JournalEntry
from qualimark.journal.services import entries_for
from qualimark.parties.models import Organisation
from qualimark.sanctions.models import Proposal, ProposalKind, SanctionKind
from tests.complaints.conftest import declare_tie

CITIZEN = Complainant(name="Pieter De Smet", email="pieter@desmet.example")


def _register(
    by: User,
    subject: Subject,
    *,
    complainant: Complainant = CITIZEN,
    received_on: date | None = None,
) -> Complaint:
    return services.register_complaint(
        by=by,
        complainant=complainant,
        subject=subject,
        description="The BENOR mark is printed on rolls that were never certified.",
        received_on=received_on,
    )


def _investigated(complaint: Complaint, by: User) -> Complaint:
    services.declare_admissible(complaint, by=by, reason="About a certified product.")
    return services.start_investigation(complaint, by=by)


# Registration ---------------------------------------------------------------------------


def test_complaints_are_numbered_per_year_of_receipt(file_manager: User) -> None:
    subject = Subject(SubjectKind.CB_OPERATION)

    first = _register(file_manager, subject)
    second = _register(file_manager, subject)
    last_year = _register(file_manager, subject, received_on=date(2025, 12, 30))

    assert (first.reference, second.reference) == ("K-2026-0001", "K-2026-0002")
    assert last_year.reference == "K-2025-0001"
    assert first.status == ComplaintStatus.RECEIVED
    assert entries_for(first).get().action == "complaint.registered"


def test_mark_misuse_by_a_company_without_certificate_is_registered_with_its_number(
    file_manager: User,
) -> None:
    subject = Subject(
        SubjectKind.MARK_MISUSE,
        company_name="Geo Discount BV",
        company_enterprise_number="BE 0202.239.951",
    )

    complaint = _register(file_manager, subject)

    assert complaint.company_name == "Geo Discount BV"
    assert complaint.company_enterprise_number == "0202239951"
    assert complaint.certificate is None
    assert complaint.organisation is None


def test_mark_misuse_with_an_invalid_enterprise_number_is_refused(file_manager: User) -> None:
    subject = Subject(
        SubjectKind.MARK_MISUSE,
        company_name="Geo Discount BV",
        company_enterprise_number="0202.239.952",
    )

    with pytest.raises(InvalidComplaint, match="check digits"):
        _register(file_manager, subject)

    assert not Complaint.objects.exists()


def test_mark_misuse_must_say_who_misuses_the_mark(file_manager: User) -> None:
    with pytest.raises(InvalidComplaint, match="who misuses the mark"):
        _register(file_manager, Subject(SubjectKind.MARK_MISUSE))


def test_a_company_without_certificate_belongs_to_a_mark_misuse_complaint_only(
    file_manager: User,
) -> None:
    subject = Subject(SubjectKind.CB_OPERATION, company_name="Geo Discount BV")

    with pytest.raises(InvalidComplaint, match="misuse of a mark"):
        _register(file_manager, subject)


def test_a_complaint_about_a_certificate_concerns_its_holder(
    certified: Certificate, file_manager: User
) -> None:
    complaint = _register(file_manager, Subject(SubjectKind.CERTIFIED_PRODUCT, certified))

    assert complaint.organisation == certified.holder


def test_a_certificate_and_another_organisation_do_not_go_together(
    certified: Certificate, file_manager: User
) -> None:
    other = Organisation.objects.create(name="Other Geo", enterprise_number="0202239951")

    with pytest.raises(InvalidComplaint, match="is held by"):
        _register(file_manager, Subject(SubjectKind.CERTIFIED_PRODUCT, certified, other))


def test_a_complaint_about_a_certified_product_names_its_holder(file_manager: User) -> None:
    with pytest.raises(InvalidComplaint, match="certified product"):
        _register(file_manager, Subject(SubjectKind.CERTIFIED_PRODUCT))


@pytest.mark.parametrize(
    ("complainant", "message"),
    [
        (Complainant(name=" ", email="x@example.org"), "never anonymous"),
        (Complainant(name="Pieter De Smet"), "e-mail or postal address"),
        (Complainant(name="Pieter De Smet", email="not-an-address"), "not an e-mail address"),
    ],
)
def test_a_complaint_names_a_complainant_who_can_be_answered(
    file_manager: User, complainant: Complainant, message: str
) -> None:
    with pytest.raises(InvalidComplaint, match=message):
        _register(file_manager, Subject(SubjectKind.DOCUMENT), complainant=complainant)


def test_a_complaint_by_post_only_is_accepted(file_manager: User) -> None:
    by_post = Complainant(name="Pieter De Smet", postal_address="Kerkstraat 1, 9000 Gent")

    complaint = _register(file_manager, Subject(SubjectKind.DOCUMENT), complainant=by_post)

    assert complaint.complainant_address == "Kerkstraat 1, 9000 Gent"


def test_a_complaint_cannot_be_received_in_the_future(file_manager: User) -> None:
    with pytest.raises(InvalidComplaint, match="future"):
        _register(file_manager, Subject(SubjectKind.DOCUMENT), received_on=date(2026, 3, 17))


# Anonymity towards the holder -----------------------------------------------------------


def test_the_holder_reads_a_neutral_complainant_when_anonymity_was_asked(
    complaint: Complaint,
) -> None:
    assert services.complainant_for_holder(complaint) == "a complainant"


def test_the_holder_reads_who_complained_otherwise(file_manager: User) -> None:
    complaint = _register(
        file_manager,
        Subject(SubjectKind.DOCUMENT),
        complainant=Complainant(
            name="Pieter De Smet", email="pieter@desmet.example", organisation="De Smet BV"
        ),
    )

    assert services.complainant_for_holder(complaint) == "Pieter De Smet (De Smet BV)"


# The steps in their order -----------------------------------------------------------------


def test_a_complaint_travels_from_receipt_to_a_founded_outcome(
    complaint: Complaint, file_manager: User, decision_maker: User
) -> None:
    services.declare_admissible(complaint, by=file_manager, reason="About a certified product.")
    services.start_investigation(complaint, by=file_manager, notes="Samples requested.")
    services.note_investigation(complaint, by=file_manager, note="Samples fail at 9 kN/m.")
    services.conclude_complaint(
        complaint, by=decision_maker, founded=True, findings="Strength too low.", charge_costs=True
    )

    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.status == ComplaintStatus.FOUNDED
    assert stored.handled_by == file_manager
    assert stored.costs_charged_to_holder
    assert stored.concluded_on == date(2026, 3, 16)
    assert "Samples requested." in stored.investigation_notes
    assert "Samples fail at 9 kN/m." in stored.investigation_notes
    assert [e.action for e in entries_for(stored).order_by("id")] == [
        "complaint.registered",
        "complaint.admissible",
        "complaint.investigation_started",
        "complaint.noted",
        "complaint.founded",
    ]


def test_an_investigation_waits_for_the_admissibility_decision(
    complaint: Complaint, file_manager: User
) -> None:
    with pytest.raises(StepNotAllowed, match="start the investigation"):
        services.start_investigation(complaint, by=file_manager)

    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_a_complaint_is_concluded_only_after_its_investigation(
    complaint: Complaint, file_manager: User, decision_maker: User
) -> None:
    services.declare_admissible(complaint, by=file_manager, reason="Within our remit.")

    with pytest.raises(StepNotAllowed, match="it is admissible"):
        services.conclude_complaint(complaint, by=decision_maker, founded=True, findings="Yes.")


def test_an_inadmissible_complaint_is_closed(complaint: Complaint, file_manager: User) -> None:
    services.declare_inadmissible(complaint, by=file_manager, reason="About a CE marking.")

    with pytest.raises(StepNotAllowed):
        services.declare_admissible(complaint, by=file_manager, reason="Second thoughts.")
    with pytest.raises(StepNotAllowed):
        services.start_investigation(complaint, by=file_manager)

    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.INADMISSIBLE


def test_an_admissibility_decision_needs_its_reason(
    complaint: Complaint, file_manager: User
) -> None:
    with pytest.raises(InvalidComplaint, match="reason"):
        services.declare_admissible(complaint, by=file_manager, reason=" ")

    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.RECEIVED


def test_whoever_evaluated_the_file_does_not_investigate_the_complaint_about_it(
    complaint: Complaint, file_manager: User, decision_maker: User, certified: Certificate
) -> None:
    certification.record_involvement(certified, decision_maker, role=InvolvementRole.EVALUATOR)
    services.declare_admissible(complaint, by=file_manager, reason="Within our remit.")

    with pytest.raises(SeparationOfDutiesError):
        services.start_investigation(complaint, by=file_manager, handler=decision_maker)
    with pytest.raises(SeparationOfDutiesError):
        services.start_investigation(complaint, by=decision_maker)

    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.ADMISSIBLE


def test_the_inspector_of_the_file_is_not_named_to_handle_the_complaint_about_it(
    complaint: Complaint, file_manager: User, inspector: User, certified: Certificate
) -> None:
    certification.record_involvement(certified, inspector, role=InvolvementRole.INSPECTOR)
    services.declare_admissible(complaint, by=file_manager, reason="Within our remit.")

    with pytest.raises(NotPermitted, match="Els Wouters may not investigate the complaint"):
        services.start_investigation(complaint, by=file_manager, handler=inspector)

    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.ADMISSIBLE


# Who takes which step -------------------------------------------------------------------


def test_staff_who_handle_complaints_register_them_and_no_one_else(
    file_manager: User, decision_maker: User, reviewer: User, holder_member: User, outsider: User
) -> None:
    subject = Subject(SubjectKind.CB_OPERATION)
    _register(file_manager, subject)
    _register(decision_maker, subject)

    with pytest.raises(NotPermitted) as refused:
        _register(reviewer, subject)
    assert refused.value.code == "role_not_allowed"
    # The register is the body's own: to others it is as if it did not exist.
    for stranger in (holder_member, outsider):
        with pytest.raises(NotVisible):
            _register(stranger, subject)

    assert Complaint.objects.count() == 2


def test_a_decision_maker_concludes_a_complaint_and_a_file_manager_does_not(
    complaint: Complaint, file_manager: User
) -> None:
    _investigated(complaint, file_manager)

    with pytest.raises(NotPermitted, match="may not conclude that the complaint is founded"):
        services.conclude_complaint(complaint, by=file_manager, founded=True, findings="Weak.")

    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.UNDER_INVESTIGATION


def test_no_holder_user_takes_a_step_on_a_complaint_about_its_own_file(
    complaint: Complaint, holder_member: User
) -> None:
    with pytest.raises(NotVisible):
        services.declare_inadmissible(complaint, by=holder_member, reason="Not us.")

    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.RECEIVED


def test_a_decision_maker_tied_to_the_holder_does_not_conclude_the_complaint(
    complaint: Complaint, file_manager: User, decision_maker: User, certified: Certificate
) -> None:
    _investigated(complaint, file_manager)
    declare_tie(decision_maker, certified.holder)

    with pytest.raises(ConflictOfInterest) as refused:
        services.conclude_complaint(complaint, by=decision_maker, founded=False, findings="No.")

    assert refused.value.code == "conflict_of_interest"
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.UNDER_INVESTIGATION


def test_a_file_manager_tied_to_the_holder_does_not_judge_admissibility(
    complaint: Complaint, file_manager: User, certified: Certificate
) -> None:
    declare_tie(file_manager, certified.holder)

    with pytest.raises(ConflictOfInterest):
        services.declare_admissible(complaint, by=file_manager, reason="Within our remit.")

    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.RECEIVED


# What a conclusion leads to -----------------------------------------------------------------


def test_a_founded_complaint_proposes_exactly_one_next_step_on_the_file(
    complaint: Complaint, file_manager: User, certified: Certificate, decision_maker: User
) -> None:
    _investigated(complaint, file_manager)

    services.conclude_complaint(complaint, by=decision_maker, founded=True, findings="Too weak.")
    with pytest.raises(StepNotAllowed):
        services.conclude_complaint(complaint, by=decision_maker, founded=True, findings="Again.")

    [proposal] = Proposal.objects.all()
    assert proposal.certificate == certified
    assert proposal.kind == ProposalKind.FOUNDED_COMPLAINT
    assert proposal.source == f"complaint:{complaint.pk}"
    assert complaint.reference in proposal.text
    # The system proposes; it never sanctions by itself.
    certified.forget_history()
    assert certified.status_on(date(2026, 3, 16)) == Status.CERTIFIED
    assert not certified.sanctions.exists()


def test_an_unfounded_complaint_proposes_nothing(
    complaint: Complaint, file_manager: User, decision_maker: User
) -> None:
    _investigated(complaint, file_manager)

    services.conclude_complaint(complaint, by=decision_maker, founded=False, findings="Misuse.")

    assert complaint.status == ComplaintStatus.UNFOUNDED
    assert not Proposal.objects.exists()


def test_costs_are_charged_only_for_a_founded_complaint_about_a_holder(
    complaint: Complaint, file_manager: User, decision_maker: User
) -> None:
    _investigated(complaint, file_manager)

    with pytest.raises(InvalidComplaint, match="Costs"):
        services.conclude_complaint(
            complaint, by=decision_maker, founded=False, findings="No.", charge_costs=True
        )

    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.UNDER_INVESTIGATION


def test_costs_of_a_complaint_about_a_company_without_certificate_are_not_charged(
    file_manager: User,
    decision_maker: User,
) -> None:
    misuse = _register(
        file_manager, Subject(SubjectKind.MARK_MISUSE, company_name="Geo Discount BV")
    )
    _investigated(misuse, file_manager)

    with pytest.raises(InvalidComplaint, match="Costs"):
        services.conclude_complaint(
            misuse, by=decision_maker, founded=True, findings="Yes.", charge_costs=True
        )
    services.conclude_complaint(misuse, by=decision_maker, founded=True, findings="Yes.")

    assert not Proposal.objects.exists()  # no file to propose a step on


def test_a_person_imposes_the_sanction_for_a_founded_complaint(
    complaint: Complaint, file_manager: User, decision_maker: User, certified: Certificate
) -> None:
    _investigated(complaint, file_manager)
    services.conclude_complaint(complaint, by=decision_maker, founded=True, findings="Too weak.")

    sanction = services.sanction_for_complaint(
        complaint,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Founded complaint about the strength.",
        until=date(2026, 5, 1),
    )

    certified.forget_history()
    assert Complaint.objects.get(pk=complaint.pk).sanction == sanction
    assert certified.status_on(date(2026, 3, 16)) == Status.SUSPENDED
    assert certified.status_on(date(2026, 5, 1)) == Status.CERTIFIED
    decision = sanction.decision
    assert decision is not None
    # The decision rests on the complaint itself: its evidence links to it.
    assert [e.complaint_id for e in decision.evidence.all()] == [complaint.pk]
    assert JournalEntry.objects.filter(action="complaint.sanctioned").count() == 1


def test_a_sanction_follows_only_a_founded_complaint_and_only_once(
    complaint: Complaint, file_manager: User, decision_maker: User
) -> None:
    _investigated(complaint, file_manager)

    with pytest.raises(StepNotAllowed):
        services.sanction_for_complaint(
            complaint, SanctionKind.WARNING, by=decision_maker, reason="Too early."
        )
    services.conclude_complaint(complaint, by=decision_maker, founded=True, findings="Too weak.")
    services.sanction_for_complaint(
        complaint, SanctionKind.WARNING, by=decision_maker, reason="Founded complaint."
    )
    with pytest.raises(InvalidComplaint, match="already"):
        services.sanction_for_complaint(
            complaint, SanctionKind.WARNING, by=decision_maker, reason="Once more."
        )

    assert complaint.sanction is not None
    assert complaint.sanction.kind == SanctionKind.WARNING
