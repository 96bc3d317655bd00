"""Verification: one code on a date, or a whole delivery list in one call.

Every well-formed question gets a 200 with a verdict, whatever the verdict is: an unknown
code and a mistyped one are answers about the registry, not failures of the request
(`outcome` tells them apart). Only a question that cannot be asked is an error: a code
that is no code at all (400 malformed_code) or a date that is no date (400 bad_date).
In a bulk call one bad code does not spoil the list: it gets its verdict with the
outcome `malformed` in its place.
"""

from datetime import date

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.decorators import decorate_view

from qualimark import clock, verification
from qualimark.api import present
from qualimark.api.access import MAX_CODE_LENGTH
from qualimark.api.caching import remembered
from qualimark.api.errors import MALFORMED_CODE, TOO_MANY_CODES, ApiError
from qualimark.api.schemas import BulkVerifyIn, BulkVerifyOut, Day, ErrorOut, VerdictOut
from qualimark.verification import Outcome, Verdict, verify

router = Router(tags=["verification"])


def _is_askable(code: str) -> bool:
    return len(code) <= MAX_CODE_LENGTH and code.isprintable()


def _malformed(code: str, day: date) -> Verdict:
    return Verdict(code, day, clock.now(), Outcome.MALFORMED)


@router.get(
    "/verify/{code}",
    response={200: VerdictOut, 400: ErrorOut, 422: ErrorOut},
    summary="Verify one quick code, certificate number or lot code on a date",
)
@decorate_view(remembered)
def verify_one(
    request: HttpRequest,
    code: Path[str],
    on: Query[Day | None] = None,
) -> VerdictOut:
    """Valid or not on `on` (default today), and exactly why.

    200 for every answer about a well-formed code, including `unknown` and `mistyped`
    (which carries `suggestions`); 400 `malformed_code` for what is no code; 400
    `bad_date` for a date that is not YYYY-MM-DD.
    """
    answer = verify(code, on) if _is_askable(code) else _malformed(code, on or clock.today())
    if answer.outcome == Outcome.MALFORMED:
        raise ApiError(400, MALFORMED_CODE, answer.message)
    return present.verdict(answer)


@router.post(
    "/verify",
    response={200: BulkVerifyOut, 400: ErrorOut, 422: ErrorOut},
    summary="Verify many codes on one date",
)
def verify_many(request: HttpRequest, body: BulkVerifyIn) -> BulkVerifyOut:
    """One verdict per code, in the order asked, up to `limit` codes (400 too_many_codes).

    A code asked twice is verified once. All quick codes of the list are read together,
    in a handful of queries whatever the length of the list.
    """
    limit: int = settings.QUALIMARK_BULK_VERIFY_LIMIT
    if len(body.codes) > limit:
        raise ApiError(
            400,
            TOO_MANY_CODES,
            _("At most %(limit)d codes can be verified in one request; this one has %(count)d.")
            % {"limit": limit, "count": len(body.codes)},
        )
    day = body.on or clock.today()
    verdicts = verification.verify_many([code for code in body.codes if _is_askable(code)], day)
    answers = {
        code: present.verdict(verdicts.get(code) or _malformed(code, day))
        for code in dict.fromkeys(body.codes)
    }
    # Not validated again: the verdicts were built from the schema (see `present.verdict`).
    return BulkVerifyOut.model_construct(
        on=day,
        limit=limit,
        count=len(body.codes),
        results=[answers[code] for code in body.codes],
    )
