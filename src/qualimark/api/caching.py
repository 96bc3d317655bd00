"""Conditional requests for the public reads: ETag, Last-Modified and 304.

An answer depends on the registry's last change (every change is journalled), on the
date (a decision recorded last week may take effect today without any new entry), on
the question asked (path and query string) and on the language of its messages. The
validators are computed from these before the view runs, so a 304 costs one query.
They are weak (W/"…") because an answer also carries the moment it was answered.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.api.errors import json_error
from qualimark.registry.freshness import last_change, version

MAX_AGE = 60
PRECONDITION_FAILED = "precondition_failed"

Run = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: int  # seconds since the epoch, as HTTP dates have no finer grain

    @classmethod
    def for_request(cls, request: HttpRequest) -> "Validators":
        today = clock.today()
        start_of_today = timezone.make_aware(datetime.combine(today, time.min))
        changed = last_change()
        moment = max(changed, start_of_today) if changed else start_of_today
        seed = "|".join(
            (
                version(),
                today.isoformat(),
                translation.get_language() or "",
                request.get_full_path(),
            )
        )
        digest = hashlib.sha256(seed.encode()).hexdigest()[:32]
        return cls(etag=f'W/"{digest}"', last_modified=int(moment.timestamp()))

    def stamp(self, response: HttpResponseBase) -> HttpResponseBase:
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response


def conditional(run: Run) -> Run:
    """Wrap a ninja operation's `run` so that it answers conditional requests."""

    @wraps(run)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        validators = Validators.for_request(request)
        early = get_conditional_response(
            request, etag=validators.etag, last_modified=validators.last_modified
        )
        if early is not None:
            if early.status_code == 412:
                return json_error(
                    412, PRECONDITION_FAILED, _("The registry has changed since that answer.")
                )
            return validators.stamp(early)
        response = run(request, *args, **kwargs)
        if 200 <= response.status_code < 300:
            validators.stamp(response)
        return response

    return wrapped
