"""The refusals of the datasheet services, each with its stable code."""

from qualimark.errors import DomainError


class DatasheetError(DomainError):
    code = "datasheet_error"


class QuickCodeTaken(DatasheetError):
    code = "quick_code_taken"


class ProposalError(DatasheetError):
    code = "proposal_error"
