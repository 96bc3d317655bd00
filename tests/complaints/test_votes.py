"""The Appeal Committee's count: majority, public institutions prevailing on a tie."""

import pytest

from qualimark.complaints.votes import Ballot, Constituency, Outcome, count_votes

PUBLIC, USER = Constituency.PUBLIC_INSTITUTION, Constituency.USER
R, U = Ballot.REVERSE, Ballot.UPHOLD


def _votes(public: tuple[Ballot, Ballot], users: tuple[Ballot, Ballot]):
    return [(PUBLIC, public[0]), (PUBLIC, public[1]), (USER, users[0]), (USER, users[1])]


@pytest.mark.parametrize(
    ("public", "users"),
    [((R, R), (R, R)), ((R, R), (R, U)), ((R, U), (R, R)), ((U, R), (R, R))],
)
def test_three_or_four_votes_to_reverse_reverse_the_decision(public, users) -> None:
    assert count_votes(_votes(public, users)) == Outcome.REVERSED


@pytest.mark.parametrize(
    ("public", "users"),
    [((U, U), (U, U)), ((U, U), (U, R)), ((R, U), (U, U)), ((U, U), (R, U))],
)
def test_three_or_four_votes_to_uphold_uphold_the_decision(public, users) -> None:
    assert count_votes(_votes(public, users)) == Outcome.UPHELD


def test_at_two_all_public_institutions_voting_to_reverse_reverse_the_decision() -> None:
    assert count_votes(_votes((R, R), (U, U))) == Outcome.REVERSED


def test_at_two_all_public_institutions_voting_to_uphold_uphold_the_decision() -> None:
    assert count_votes(_votes((U, U), (R, R))) == Outcome.UPHELD


@pytest.mark.parametrize(("public", "users"), [((R, U), (R, U)), ((U, R), (U, R))])
def test_at_two_all_with_public_institutions_split_the_decision_stands(public, users) -> None:
    assert count_votes(_votes(public, users)) == Outcome.UPHELD


def test_the_order_of_the_votes_does_not_matter() -> None:
    votes = [(USER, U), (PUBLIC, R), (USER, U), (PUBLIC, R)]

    assert count_votes(votes) == count_votes(reversed(votes)) == Outcome.REVERSED
