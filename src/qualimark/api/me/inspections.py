"""The inspections a logged-in user may see (`access.visible.visible_inspections`).

An inspector sees the inspections assigned to them, staff all, a holder's users the
inspections of their files once the report is sent (visits are unannounced).
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from qualimark.access.visible import inspection_for, visible_inspections
from qualimark.accounts.models import User
from qualimark.api.access import check_printable
from qualimark.api.errors import not_found
from qualimark.api.me import present
from qualimark.api.me.auth import SessionUser, session_user
from qualimark.api.me.schemas import InspectionOut, InspectionPageOut, PageQuery
from qualimark.api.schemas import ErrorOut
from qualimark.errors import NotVisible
from qualimark.oversight.models import Inspection

router = Router(auth=SessionUser(), tags=["my inspections"])

_ERRORS = {401: ErrorOut, 403: ErrorOut}


def _inspections(user: User) -> QuerySet[Inspection]:
    return visible_inspections(user).select_related("certificate__holder", "body", "inspector")


@router.get(
    "/inspections",
    response={200: InspectionPageOut, **_ERRORS, 422: ErrorOut},
    summary="The inspections I may see",
)
def my_inspections(request: HttpRequest, paging: Query[PageQuery]) -> InspectionPageOut:
    """Newest planned date first, one page at a time."""
    inspections = _inspections(session_user(request)).order_by("-planned_on", "-reference")
    total = inspections.count()
    start = (paging.page - 1) * paging.per_page
    return InspectionPageOut(
        total=total,
        page=paging.page,
        per_page=paging.per_page,
        pages=max(1, -(-total // paging.per_page)),
        results=[
            present.inspection_summary(item)
            for item in inspections[start : start + paging.per_page]
        ],
    )


@router.get(
    "/inspections/{reference}",
    response={200: InspectionOut, **_ERRORS, 400: ErrorOut, 404: ErrorOut},
    summary="One inspection with its findings and the holder's comments",
)
def my_inspection(request: HttpRequest, reference: str) -> InspectionOut:
    user = session_user(request)
    check_printable(reference)
    try:
        found = inspection_for(user, reference.strip().upper())
    except NotVisible:
        raise not_found(
            _("You have no inspection with the reference %(reference)s.") % {"reference": reference}
        ) from None
    return present.inspection(_inspections(user).get(pk=found.pk))
