"""The refusals of the complaint and appeal rules."""

from qualimark.errors import DomainError
from qualimark.lifecycle import TransitionNotAllowed


class StepNotAllowed(TransitionNotAllowed):
    """A complaint or appeal step taken out of order."""

    code = "step_not_allowed"


class InvalidComplaint(DomainError):
    code = "invalid_complaint"


class AnonymityBreach(DomainError):
    """A letter for the holder that would tell it who complained, against the complainant's wish."""

    code = "anonymity_breach"


class InvalidAppeal(DomainError):
    code = "invalid_appeal"


class InvalidCommittee(DomainError):
    """An appeal committee that is not two public-institution and two user representatives."""

    code = "invalid_committee"
