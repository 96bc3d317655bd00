"""Conditional requests for the public reads: ETag, Last-Modified and 304.

Verification has its own validators, on its code's last change (`api/verify.py`), and
keeps its answers in `verdicts`. Any other answer depends on the registry's last change
(every change is journalled), on the
date (a decision recorded last week may take effect today without any new entry), on
the question asked (path and query string) and on the language of its messages. The
validators are computed from these before the view runs, so a 304 costs one query.
They are weak (W/"…") because an answer also carries the moment it was answered.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.api.errors import json_error
from qualimark.registry.freshness import freshness

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
        registry = freshness()
        changed = registry.last_change
        moment = max(changed, start_of_today) if changed else start_of_today
        seed = "|".join(
            (
                registry.version,
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


class Answers:
    """The latest answers of this process, by ETag: a bounded least-recently-used memory.

    The ETag names what the answer rests on (for a verification, its code's last change),
    the date, the language and the question, so a remembered answer is the one the view
    would give again; a change makes the older ETags unreachable, and the oldest entries
    are dropped first. Answers are kept as the bytes sent (with the moment they were
    answered, which weak ETags allow).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[str, tuple[int, bytes, str]] = OrderedDict()
        self._lock = threading.Lock()  # threaded workers share the process's memory

    def get(self, etag: str) -> HttpResponse | None:
        with self._lock:
            kept = self._kept.get(etag)
            if kept is None:
                return None
            self._kept.move_to_end(etag)
        status, content, content_type = kept
        return HttpResponse(content, status=status, content_type=content_type)

    def keep(self, etag: str, response: HttpResponseBase) -> None:
        if self.size <= 0 or response.status_code != 200 or response.streaming:
            return
        assert isinstance(response, HttpResponse)
        with self._lock:
            self._kept[etag] = (response.status_code, response.content, response["Content-Type"])
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


# Verification answers: the registry's hottest question, asked again for the same codes
# from every site a product is delivered to.
verdicts = Answers(settings.QUALIMARK_REMEMBERED_ANSWERS)


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
