"""How an appeal committee's votes decide an appeal.

The committee has two representatives of public institutions and two of users. The
majority decides; on a tie the public institutions prevail (DOMAIN: "majority vote,
public institutions prevail on a tie").
"""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Constituency(models.TextChoices):
    PUBLIC_INSTITUTION = "public_institution", _("public institution")
    USER = "user", _("user")


class Ballot(models.TextChoices):
    UPHOLD = "uphold", _("uphold the decision")
    REVERSE = "reverse", _("reverse the decision")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("decision upheld")
    REVERSED = "reversed", _("decision reversed")


def count_votes(votes: Iterable[tuple[Constituency, Ballot]]) -> Outcome:
    """The outcome of the committee's votes, each a (constituency, ballot) pair.

    A majority decides (3–1 or 4–0 with four members). At 2–2 the side for which both
    public-institution members voted wins. If they are split too, no side has a majority
    that the tie rule could complete, so there is no majority to reverse and the appealed
    decision stands.
    """
    votes = list(votes)
    reverse = sum(1 for _c, ballot in votes if ballot == Ballot.REVERSE)
    uphold = len(votes) - reverse
    if reverse != uphold:
        return Outcome.REVERSED if reverse > uphold else Outcome.UPHELD
    public = {ballot for member, ballot in votes if member == Constituency.PUBLIC_INSTITUTION}
    if public == {Ballot.REVERSE}:
        return Outcome.REVERSED
    return Outcome.UPHELD
