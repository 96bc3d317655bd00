from qualimark.certification.lifecycle import TransitionNotAllowed
from qualimark.errors import DomainError, SeparationOfDutiesError


class DecisionOutOfOrder(DomainError):
    """A decision cannot take effect before one already recorded for the same file."""

    code = "decision_out_of_order"


class InvalidDecision(DomainError):
    code = "invalid_decision"


class InvalidAssignment(DomainError):
    code = "invalid_assignment"


class InvalidApplication(DomainError):
    code = "invalid_application"


__all__ = [
    "DecisionOutOfOrder",
    "InvalidApplication",
    "InvalidAssignment",
    "InvalidDecision",
    "SeparationOfDutiesError",
    "TransitionNotAllowed",
]
