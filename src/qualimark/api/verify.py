"""Verification: one code on a date, or a whole delivery list in one call.

Every well-formed question gets a 200 with a verdict, whatever the verdict is: an unknown
code and a mistyped one are answers about the registry, not failures of the request
(`outcome` tells them apart). Only a question that cannot be asked is an error: a code
that is no code at all (400 malformed_code), a date that is no date (400 bad_date), an
`as_of` that is neither a sequence number nor a moment (400 bad_as_of). In a bulk call one
bad code does not spoil the list: it gets its verdict with the outcome `malformed` in its
place.

These are the registry's hottest addresses, so they are answered by plain views
(`answer_one`, `answer_list`) that read one row per code and write the JSON directly: no
parameter parsing or response validation of the API framework, no schema object per
request. The operations below declare them for the OpenAPI description and run the same
views.

An answer names the sequence number of its code's last change (`sequence`); its ETag rests
on that number, the date and the language, so an answer remembered by a client or by this
process stays good until its own code changes, whatever else the registry does. Asked
again with `as_of=<sequence>`, the answer comes back the same, byte for byte, for ever.
"""

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any

import orjson
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from ninja import Path, Query, Router

from qualimark import clock
from qualimark.api import present
from qualimark.api.access import MAX_CODE_LENGTH
from qualimark.api.caching import MAX_AGE, PRECONDITION_FAILED, verdicts
from qualimark.api.errors import (
    BAD_AS_OF,
    BAD_DATE,
    INVALID_INPUT,
    MALFORMED_CODE,
    TOO_MANY_CODES,
    bad_date_message,
    json_error,
)
from qualimark.api.schemas import BulkVerifyIn, BulkVerifyOut, Day, ErrorOut, VerdictOut
from qualimark.verification.reading import AsOf, parse_as_of
from qualimark.verification.verify import Outcome, Verdict, verify, verify_many

router = Router(tags=["verification"])

JSON = "application/json; charset=utf-8"


class _Refused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        self.response = json_error(status, code, message)


def _is_askable(code: str) -> bool:
    return len(code) <= MAX_CODE_LENGTH and code.isprintable()


def _day(raw: object) -> date | None:
    if raw is None:
        return None
    try:
        if not isinstance(raw, str) or len(raw) != 10:
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise _Refused(400, BAD_DATE, bad_date_message()) from None


def _as_of(raw: object) -> AsOf:
    if raw is None:
        return None
    try:
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise ValueError(raw)
        return parse_as_of(str(raw))
    except ValueError:
        raise _Refused(
            400,
            BAD_AS_OF,
            _(
                "%(value)s is neither a sequence number of the registry's changes nor a "
                "moment written like 2026-03-14T10:00:00+01:00."
            )
            % {"value": raw},
        ) from None


def _json(body: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(orjson.dumps(body), status=status, content_type=JSON)


def _etag(request: HttpRequest, answer: Verdict, language: str | None) -> str:
    """The answer's validator: its code's last change, the days, the language and the
    question asked."""
    seed = "|".join(
        (
            str(answer.sequence),
            ",".join(answer.suggestions),
            clock.today().isoformat(),
            language or "",
            # As asked: a question written differently is remembered apart.
            request.path,
            request.META.get("QUERY_STRING", ""),
        )
    )
    return 'W/"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'


_CACHE_CONTROL = f"public, max-age={MAX_AGE}"


def _stamped(response: HttpResponseBase, etag: str) -> HttpResponseBase:
    response["ETag"] = etag
    response["Cache-Control"] = _CACHE_CONTROL  # the answer's only caching header
    return response


@csrf_exempt  # a GET: nothing to protect; other methods are refused with 405
@require_GET
def answer_one(request: HttpRequest, code: str) -> HttpResponseBase:
    """GET /api/v1/verify/<code>?on=YYYY-MM-DD&as_of=<sequence or moment>."""
    on: date | None = None
    as_of: AsOf = None
    if request.META.get("QUERY_STRING"):
        try:
            on, as_of = _day(request.GET.get("on")), _as_of(request.GET.get("as_of"))
        except _Refused as refused:
            return refused.response
    answer = (
        verify(code, on, as_of)
        if _is_askable(code)
        else Verdict(code, on or clock.today(), clock.now(), Outcome.MALFORMED)
    )
    if answer.outcome == Outcome.MALFORMED:
        return json_error(400, MALFORMED_CODE, answer.message)
    language = translation.get_language()
    etag = _etag(request, answer, language)
    if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MATCH" in request.META:
        early = get_conditional_response(request, etag=etag)
        if early is not None and early.status_code == 412:
            return json_error(
                412, PRECONDITION_FAILED, _("The code has changed since that answer.")
            )
        if early is not None:
            return _stamped(early, etag)
    response = verdicts.get(etag)
    if response is None:
        response = _json(present.verdict(answer, language))
        verdicts.keep(etag, response)
    return _stamped(response, etag)


@csrf_exempt
@require_POST
def answer_list(request: HttpRequest) -> HttpResponse:
    """POST /api/v1/verify with {"codes": [...], "on": "YYYY-MM-DD", "as_of": ...}."""
    try:
        body = orjson.loads(request.body)
    except orjson.JSONDecodeError:
        return json_error(422, INVALID_INPUT, _("The body is not JSON."))
    codes = body.get("codes") if isinstance(body, dict) else None
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        return json_error(422, INVALID_INPUT, _("codes: a list of codes (strings) is required."))
    limit: int = settings.QUALIMARK_BULK_VERIFY_LIMIT
    if len(codes) > limit:
        return json_error(
            400,
            TOO_MANY_CODES,
            _("At most %(limit)d codes can be verified in one request; this one has %(count)d.")
            % {"limit": limit, "count": len(codes)},
        )
    try:
        day = _day(body.get("on")) or clock.today()
        as_of = _as_of(body.get("as_of"))
    except _Refused as refused:
        return refused.response
    found = verify_many([code for code in codes if _is_askable(code)], day, as_of)
    answered_at = None if as_of is not None else clock.now()
    language = translation.get_language()
    answers = {
        code: present.verdict(
            found.get(code) or Verdict(code, day, answered_at, Outcome.MALFORMED, as_of),
            language,
        )
        for code in dict.fromkeys(codes)
    }
    return _json(
        {
            "on": day.isoformat(),
            "as_of": present.as_of_text(as_of),
            "limit": limit,
            "count": len(codes),
            "results": [answers[code] for code in codes],
        }
    )


# The operations as the OpenAPI description declares them; the addresses run the views above.


@router.get(
    "/verify/{code}",
    response={200: VerdictOut, 400: ErrorOut, 422: ErrorOut},
    summary="Verify one quick code, certificate number or lot code on a date",
)
def verify_one(
    request: HttpRequest,
    code: Path[str],
    on: Query[Day | None] = None,
    as_of: Query[str | None] = None,
) -> HttpResponseBase:
    """Valid or not on `on` (default today), and exactly why; as the registry stands now, or
    as it stood at `as_of` (a sequence number of its changes, or a moment in ISO 8601).

    200 for every answer about a well-formed code, including `unknown` and `mistyped`
    (which carries `suggestions`); 400 `malformed_code` for what is no code; 400
    `bad_date` for a date that is not YYYY-MM-DD; 400 `bad_as_of`. The ETag rests on the
    code's own last change (`sequence`): a conditional request answers 304 until it changes.
    """
    return answer_one(request, code)


@router.post(
    "/verify",
    response={200: BulkVerifyOut, 400: ErrorOut, 422: ErrorOut},
    summary="Verify many codes on one date",
)
def verify_list(request: HttpRequest, body: BulkVerifyIn) -> HttpResponseBase:
    """One verdict per code, in the order asked, up to `limit` codes (400 too_many_codes).

    A code asked twice is verified once. All codes of the list are read in one statement,
    whatever the length of the list, unknown codes included.
    """
    return answer_list(request)


# The views that answer the addresses of the operations above, by the operations' names.
PLAIN_VIEWS: dict[str, Callable[..., HttpResponseBase]] = {
    "verify_one": answer_one,
    "verify_list": answer_list,
}
