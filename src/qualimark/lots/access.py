"""How a lot code typed by a person finds its conformity document.

A conformity document is public to whoever has its code, from its date of issue: it is
listed nowhere (no search, no open data), because the requester of a lot is no
certificate holder and did not ask to be listed. A refusal has no code and so is never
found here.
"""

from django.db.models import QuerySet

from qualimark.lots import codes
from qualimark.lots.models import LotConformityDocument

# Longer input is no code of ours; refusing it early keeps absurd input away from queries.
MAX_CODE_LENGTH = 64

# What the pages and PDFs of a lot's outcome (conformity document or refusal) show of its
# request, fetched with the outcome.
REQUEST_SHOWN = ("request__scheme", "request__subject", "request__document_version__document")


def conformity_documents() -> QuerySet[LotConformityDocument]:
    """Lot conformity documents with what their pages and answers show."""
    return LotConformityDocument.objects.select_related(*REQUEST_SHOWN)


def conformity_document(raw: str) -> LotConformityDocument | None:
    """The conformity document of the lot code `raw` (spaces, dashes and case ignored).

    None for what is no lot code, a code whose check digit fails and an unknown code.
    """
    if len(raw) > MAX_CODE_LENGTH or not raw.isprintable():
        return None
    code = codes.normalise(raw)
    if not codes.check_digit_ok(code):
        return None
    return conformity_documents().filter(code=code).first()
