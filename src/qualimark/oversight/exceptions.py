"""The refusals of external oversight, each with a stable code."""

from qualimark.errors import DomainError, SeparationOfDutiesError
from qualimark.oversight.lifecycle import StepNotAllowed


class InvalidInspection(DomainError):
    """A planning or a record of an inspection that does not hold together."""

    code = "invalid_inspection"


class CommentWindowClosed(DomainError):
    """A comment outside the 5 working days that follow the sending of the report."""

    code = "comment_window_closed"


class NoReportRecipient(DomainError):
    """The report cannot be delivered: nobody at the holder to send it to."""

    code = "no_report_recipient"


class InvalidEvaluation(DomainError):
    code = "invalid_evaluation"


__all__ = [
    "CommentWindowClosed",
    "InvalidEvaluation",
    "InvalidInspection",
    "NoReportRecipient",
    "SeparationOfDutiesError",
    "StepNotAllowed",
]
