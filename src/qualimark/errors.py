"""The root of Qualimark's domain errors.

Every refusal of a rule is a `DomainError` with a stable machine-readable `code` and a
translated human message, so that pages, the API and commands can all show it as it is.
"""


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
