"""Personas and states for complaints and appeals, built through the services."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate, Decision
from qualimark.complaints import appeals
from qualimark.complaints.models import Appeal, AppealCommitteeMember, Complaint, SubjectKind
from qualimark.complaints.services import Complainant, Subject, register_complaint
from qualimark.complaints.votes import Ballot, Constituency
from qualimark.parties import ties
from qualimark.parties.models import Organisation, Tie, TieKind

BRUSSELS = ZoneInfo("Europe/Brussels")


@contextmanager
def on(day: date) -> Iterator[None]:
    """Run the block on `day` at 10:00 in Brussels."""
    with clock.frozen_at(datetime(day.year, day.month, day.day, 10, 0, tzinfo=BRUSSELS)):
        yield


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """The tests read the messages of refusals in English, whatever translations exist."""
    with translation.override("en"):
        yield


def declare_tie(user: User, holder: Organisation) -> Tie:
    """`user` declares that a relative works at `holder`, from 1 January 2026."""
    return ties.declare_tie(
        by=user, organisation=holder, kind=TieKind.RELATIVE, valid_from=date(2026, 1, 1)
    )


def _member(name: str, organisation: str, constituency: Constituency) -> AppealCommitteeMember:
    return AppealCommitteeMember.objects.create(
        name=name, organisation=organisation, constituency=constituency
    )


@pytest.fixture
def public_members(db: None) -> list[AppealCommitteeMember]:
    return [
        _member("Karin Vos", "Agentschap Wegen en Verkeer", Constituency.PUBLIC_INSTITUTION),
        _member("Luc Lambert", "SPW Mobilité", Constituency.PUBLIC_INSTITUTION),
        _member("Ilse Smet", "Brussel Mobiliteit", Constituency.PUBLIC_INSTITUTION),
    ]


@pytest.fixture
def user_members(db: None) -> list[AppealCommitteeMember]:
    return [
        _member("Tom Peeters", "Confederatie Bouw", Constituency.USER),
        _member("Anne Leroy", "ORI", Constituency.USER),
        _member("Bart Goossens", "Bouwunie", Constituency.USER),
    ]


@pytest.fixture
def committee(
    public_members: list[AppealCommitteeMember], user_members: list[AppealCommitteeMember]
) -> list[AppealCommitteeMember]:
    """Two representatives of public institutions, then two of users."""
    return [*public_members[:2], *user_members[:2]]


@pytest.fixture
def suspension(certified: Certificate, decision_maker: User) -> Decision:
    """The certificate suspended from Monday 16 March 2026, until lifted."""
    return certification.suspend_certificate(
        certified, by=decision_maker, reason="Repeated nonconformities in tensile strength."
    )


@pytest.fixture
def appeal(suspension: Decision, holder_member: User) -> Appeal:
    """The holder's administrator appeals against the suspension on Friday 20 March 2026."""
    with on(date(2026, 3, 20)):
        return appeals.lodge_appeal(
            by=holder_member,
            appellant=suspension.certificate.holder,
            decision=suspension,
            grounds="The test samples were taken from a damaged roll.",
        )


@pytest.fixture
def seated(appeal: Appeal, committee: list[AppealCommitteeMember], file_manager: User) -> Appeal:
    """The committee's secretary, a file manager, seats it on 1 April 2026."""
    with on(date(2026, 4, 1)):
        return appeals.seat_committee(appeal, committee, by=file_manager)


def vote_all(
    appeal: Appeal,
    committee: list[AppealCommitteeMember],
    ballots: list[Ballot],
    *,
    by: User,
) -> None:
    for member, ballot in zip(committee, ballots, strict=True):
        appeals.record_vote(appeal, member, ballot, by=by)


@pytest.fixture
def complaint(certified: Certificate, file_manager: User) -> Complaint:
    """A complaint about a certified geotextile, the complainant anonymous towards the holder."""
    return register_complaint(
        by=file_manager,
        complainant=Complainant(
            name="Hilde Verstraete",
            email="hilde.verstraete@aannemer.example",
            organisation="Aannemingen Verstraete",
            anonymous_towards_holder=True,
        ),
        subject=Subject(SubjectKind.CERTIFIED_PRODUCT, certificate=certified),
        description="Rolls delivered to the A12 site tear at half the declared strength.",
        received_on=date(2026, 3, 12),
    )
