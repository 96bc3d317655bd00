from qualimark.errors import DomainError


class InvalidApplicationDraft(DomainError):
    """An online application that the rules refuse: wrong data, a bad upload, not a draft."""

    code = "invalid_application_draft"


__all__ = ["InvalidApplicationDraft"]
