"""ISO/IEC 17065 4.2: nobody tied to a holder, or acting for it, decides on its files."""

from datetime import date
from typing import Any

import pytest
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision
from qualimark.errors import ConflictOfInterest, NotPermitted
from qualimark.journal.services import entries_for
from qualimark.parties.memberships import MembershipError, invite_user, mixed_roles
from qualimark.parties.models import Organisation, RoleKind, Tie, TieKind
from qualimark.parties.roles import is_system, system_actor
from qualimark.parties.ties import InvalidTie, declare_tie, end_tie
from tests.conftest import TODAY, give_role


def suspend(certificate: Certificate, by: User) -> None:
    certification.suspend_certificate(certificate, by=by, reason="Nonconformity.")


def test_a_declared_tie_refuses_the_decision_and_says_why(
    certified: Certificate, decision_maker: User, holder: Organisation
) -> None:
    declare_tie(
        by=decision_maker,
        organisation=holder,
        kind=TieKind.FORMER_EMPLOYER,
        valid_from=date(2024, 1, 1),
        valid_until=date(2027, 1, 1),
        description="Quality manager until 2024.",
    )

    with translation.override("en"), pytest.raises(ConflictOfInterest) as refused:
        suspend(certified, decision_maker)

    assert refused.value.code == "conflict_of_interest"
    assert "declared a tie to Geotex Belgium (former employer)" in refused.value.message
    assert not Decision.objects.filter(certificate=certified, transition="suspend").exists()
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_a_tie_that_ended_no_longer_bars_and_one_not_yet_begun_does_not_either(
    certified: Certificate, decision_maker: User, holder: Organisation
) -> None:
    tie = declare_tie(
        by=decision_maker,
        organisation=holder,
        kind=TieKind.SHAREHOLDING,
        valid_from=date(2025, 1, 1),
    )
    end_tie(tie, by=decision_maker, on=TODAY)
    declare_tie(
        by=decision_maker, organisation=holder, kind=TieKind.RELATIVE, valid_from=date(2026, 6, 1)
    )

    suspend(certified, decision_maker)

    assert certified.status_on(TODAY) == Status.SUSPENDED


def test_a_tie_to_another_holder_does_not_bar(
    certified: Certificate, decision_maker: User, other_holder: Organisation
) -> None:
    declare_tie(
        by=decision_maker,
        organisation=other_holder,
        kind=TieKind.CONSULTANCY,
        valid_from=date(2025, 1, 1),
    )
    suspend(certified, decision_maker)
    assert certified.status_on(TODAY) == Status.SUSPENDED


def test_a_membership_made_before_the_rule_is_refused_when_the_file_comes_up(
    certified: Certificate, decision_maker: User, holder: Organisation
) -> None:
    """A decision maker who was made a user of the holder before invitations refused it."""
    give_role(decision_maker, holder, RoleKind.INVITED_USER)

    with translation.override("en"), pytest.raises(ConflictOfInterest) as refused:
        suspend(certified, decision_maker)

    assert "is a user of Geotex Belgium" in refused.value.message
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_ties_are_journalled_and_declared_by_the_body_s_people_only(
    decision_maker: User, holder: Organisation, holder_member: User
) -> None:
    tie = declare_tie(
        by=decision_maker, organisation=holder, kind=TieKind.OTHER, valid_from=date(2026, 1, 1)
    )
    with pytest.raises(InvalidTie, match="never in the past"):
        end_tie(tie, by=decision_maker, on=date(2026, 2, 1))
    end_tie(tie, by=decision_maker, on=TODAY)

    assert [entry.action for entry in entries_for(tie).order_by("id")] == [
        "tie.declared",
        "tie.ended",
    ]
    with pytest.raises(NotPermitted):
        declare_tie(by=holder_member, organisation=holder, kind=TieKind.OTHER, valid_from=TODAY)


def test_a_tie_is_refused_to_the_body_itself_and_must_end_after_it_starts(
    decision_maker: User, holder: Organisation, certification_body: Organisation
) -> None:
    with pytest.raises(InvalidTie):
        declare_tie(
            by=decision_maker,
            organisation=certification_body,
            kind=TieKind.OTHER,
            valid_from=TODAY,
        )
    with pytest.raises(InvalidTie):
        declare_tie(
            by=decision_maker,
            organisation=holder,
            kind=TieKind.OTHER,
            valid_from=TODAY,
            valid_until=TODAY,
        )
    assert not Tie.objects.exists()


def test_nobody_takes_over_the_system_actor_with_its_address(
    holder: Organisation, holder_member: User
) -> None:
    """The system is known by its mark: its address cannot be invited, and an account that
    has it anyway is not the system."""
    with pytest.raises(MembershipError):
        invite_user(
            holder,
            by=holder_member,
            email="system@qualimark.invalid",
            first_name="Sys",
            last_name="Tem",
            language="en",
        )
    squatter = User.objects.create_user("system@qualimark.invalid", None, is_active=False)

    system = system_actor()

    assert system != squatter
    assert (is_system(system), is_system(squatter)) == (True, False)
    assert system_actor() == system


def test_the_admin_refuses_to_make_a_decision_maker_a_user_of_a_holder(
    decision_maker: User, holder: Organisation
) -> None:
    person = decision_maker.person
    assert mixed_roles(decision_maker, [(holder, RoleKind.INVITED_USER)]) == ""  # on its own
    held = [(role.organisation, role.kind) for role in person.roles.all()]
    assert "cannot act for Geotex Belgium" in mixed_roles(
        decision_maker, [*held, (holder, RoleKind.INVITED_USER)]
    )


def test_the_admin_s_roles_of_a_person_refuse_a_holder_role_beside_a_role_at_the_body(
    decision_maker: User, holder: Organisation
) -> None:
    from django.forms import inlineformset_factory

    from qualimark.parties.admin import RoleFormSet
    from qualimark.parties.models import Person, Role

    person = decision_maker.person
    existing = person.roles.get()
    role_forms: Any = inlineformset_factory(
        Person, Role, formset=RoleFormSet, fields=("organisation", "kind"), extra=1
    )
    data = {
        "roles-TOTAL_FORMS": "2",
        "roles-INITIAL_FORMS": "1",
        "roles-0-id": str(existing.pk),
        "roles-0-organisation": str(existing.organisation_id),
        "roles-0-kind": existing.kind,
        "roles-1-organisation": str(holder.pk),
        "roles-1-kind": RoleKind.HOLDER_ADMINISTRATOR,
    }

    forms = role_forms(data, instance=person, prefix="roles")

    assert not forms.is_valid()
    assert "cannot act for Geotex Belgium" in str(forms.non_form_errors())
    assert person.roles.count() == 1
