"""The files a logged-in user may see, and the decisions they may take on them.

What a user sees and may do is decided by `qualimark.access`, the same rules as the
portal's and the back-office's pages; a decision goes through the same service as the
back-office button (`certification.services.take_decision`). A file the user may not see
is answered exactly like one that does not exist (404 `not_found`).
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Reply

from qualimark.access.visible import certificate_for, visible_certificates
from qualimark.accounts.models import User
from qualimark.api.access import check_printable
from qualimark.api.errors import not_found
from qualimark.api.me import present
from qualimark.api.me.auth import SessionUser, refused, session_user
from qualimark.api.me.schemas import DecisionIn, FileOut, FilePageOut, PageQuery
from qualimark.api.schemas import ErrorOut
from qualimark.certification import services
from qualimark.certification.models import Certificate
from qualimark.errors import DomainError, NotVisible

router = Router(auth=SessionUser(), tags=["my files"])

_ERRORS = {401: ErrorOut, 403: ErrorOut}


def _files(user: User) -> QuerySet[Certificate]:
    return visible_certificates(user).select_related(
        "holder", "programme__scheme", "programme__subject", "production_unit"
    )


def _file(user: User, number: str) -> Certificate:
    check_printable(number)
    try:
        found = certificate_for(user, "".join(number.split()).upper())
    except NotVisible:
        raise not_found(
            _("You have no file with the number %(number)s.") % {"number": number}
        ) from None
    return _files(user).prefetch_related("status_periods").get(pk=found.pk)


@router.get(
    "/files",
    response={200: FilePageOut, **_ERRORS, 422: ErrorOut},
    summary="The certification files I may see",
)
def my_files(request: HttpRequest, paging: Query[PageQuery]) -> FilePageOut:
    """A holder's users see their organisation's files, staff all files, an inspector the
    files of the inspections assigned to them; by number, one page at a time."""
    files = _files(session_user(request)).order_by("number")
    total = files.count()
    start = (paging.page - 1) * paging.per_page
    page = files.prefetch_related("status_periods")[start : start + paging.per_page]
    return FilePageOut(
        total=total,
        page=paging.page,
        per_page=paging.per_page,
        pages=max(1, -(-total // paging.per_page)),
        results=[present.file_summary(certificate) for certificate in page],
    )


@router.get(
    "/files/{number}",
    response={200: FileOut, **_ERRORS, 400: ErrorOut, 404: ErrorOut},
    summary="One of my files, with its decisions",
)
def my_file(request: HttpRequest, number: str) -> FileOut:
    user = session_user(request)
    return present.file(_file(user, number), user)


@router.post(
    "/files/{number}/decisions",
    response={201: FileOut, **_ERRORS, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Take a decision on one of my files",
)
def take_decision(request: HttpRequest, number: str, body: DecisionIn) -> Reply[FileOut]:
    """Admit, reject, grant, suspend… as the back-office's buttons do, with the same rules.

    The service decides who may: 403 `role_not_allowed` when the caller's role does not take
    this decision; 409 with the domain's code when a rule refuses it
    (`separation_of_duties` for someone who inspected or evaluated the file,
    `conflict_of_interest` for someone tied to the holder or acting for it,
    `transition_not_allowed` when the file's status does not allow it, `invalid_decision`,
    `decision_out_of_order`).
    """
    user = session_user(request)
    certificate = _file(user, number)
    try:
        services.take_decision(
            certificate,
            body.transition,
            by=user,
            reason=body.reason,
            effective=body.effective,
            until=body.until,
            expires_on=body.expires_on,
        )
    except DomainError as error:
        raise refused(error) from None
    return Reply(201, present.file(_file(user, number), user))
