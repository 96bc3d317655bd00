"""Who finds what of lot inspections: a request by its reference, a document by its lot code.

A request is seen by the body's staff (its auditors too), by the inspector assigned to
the lot and by the users of the organisation that asked for it, as `lot_standing` says.

A conformity document is public to whoever has its code, from its date of issue: it is
listed nowhere (no search, no open data), because the requester of a lot is no
certificate holder and did not ask to be listed. A refusal has no code and so is never
found here.
"""

from django.db.models import Q, QuerySet

from qualimark.accounts.models import User
from qualimark.errors import NotVisible
from qualimark.lots import codes
from qualimark.lots.models import LotConformityDocument, LotInspectionRequest
from qualimark.parties import roles
from qualimark.parties.roles import Actor

# Longer input is no code of ours; refusing it early keeps absurd input away from queries.
MAX_CODE_LENGTH = 64
MAX_REFERENCE_LENGTH = 20  # the reference column's length: P-2026-0001

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


def visible_lot_requests(actor: Actor) -> QuerySet[LotInspectionRequest]:
    """All requests for the body's staff; the assigned ones for an inspector; those of
    their organisations for a holder's users; none for anyone else."""
    requests = LotInspectionRequest.objects.all()
    if roles.is_cb_staff(actor):
        return requests
    if not isinstance(actor, User) or not actor.is_authenticated:
        return requests.none()
    organisations = roles.holder_organisation_ids(actor)
    return requests.filter(Q(inspector=actor) | Q(requester_organisation_id__in=organisations))


def lot_request_for(actor: Actor, reference: str) -> LotInspectionRequest:
    """The request `reference` if the actor sees it; NotVisible for an unknown one too."""
    reference = reference.strip()
    if not reference or len(reference) > MAX_REFERENCE_LENGTH or not reference.isprintable():
        raise NotVisible
    found = visible_lot_requests(actor).filter(reference=reference).first()
    if found is None:
        raise NotVisible
    return found
