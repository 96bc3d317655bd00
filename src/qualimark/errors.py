"""The root of Qualimark's domain errors.

Every refusal of a rule is a `DomainError` with a stable machine-readable `code` and a
translated human message, so that pages, the API and commands can all show it as it is.
The refusals of who may act are here too, below every app: each service raises them.
"""

from django.utils.translation import gettext


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotVisible(DomainError):
    """The object does not exist, or the user may not see it: the same answer for both."""

    code = "not_found"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or gettext("Not found."))


class NotPermitted(DomainError):
    """The actor sees the object, but their role does not take this act."""

    code = "role_not_allowed"


class ImpartialityError(DomainError):
    """ISO/IEC 17065 4.2: the actor may not take a decision of the body on this holder's file."""

    code = "impartiality"


class SeparationOfDutiesError(ImpartialityError):
    """ISO/IEC 17065 7.6: whoever evaluated or inspected a file does not decide on it."""

    code = "separation_of_duties"


class ConflictOfInterest(ImpartialityError):
    """A declared tie to the holder, or a membership of it, bars the body's decisions on it."""

    code = "conflict_of_interest"
