"""The refusals of external oversight, each with a stable code."""

from django.utils.translation import ngettext

from qualimark.errors import DomainError, SeparationOfDutiesError
from qualimark.oversight.lifecycle import StepNotAllowed


class InvalidInspection(DomainError):
    """A planning or a record of an inspection that does not hold together."""

    code = "invalid_inspection"


class PlanningRefused(InvalidInspection):
    """Files chosen to be planned together, of which some cannot be: nothing is planned."""

    code = "planning_refused"

    def __init__(self, refusals: list[str]) -> None:
        super().__init__(
            ngettext(
                "Nothing was planned: %(count)d file cannot be planned as asked.",
                "Nothing was planned: %(count)d files cannot be planned as asked.",
                len(refusals),
            )
            % {"count": len(refusals)}
        )
        self.refusals = refusals


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
    "PlanningRefused",
    "SeparationOfDutiesError",
    "StepNotAllowed",
]
