from django.utils.translation import gettext

from qualimark.errors import DomainError


class NotVisible(DomainError):
    """The object does not exist, or the user may not see it: the same answer for both."""

    code = "not_found"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or gettext("Not found."))
