"""The registry's JSON API, version 1: OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

The registry's part is public and read-only (a bulk verification is a POST only because
a delivery list does not fit in a URL). Under /me/ a logged-in user reads their own files
and inspections and takes decisions, with the session and CSRF token of the site
(`me/auth.py`). Errors are described in `errors.py`; conditional requests in `caching.py`.
"""

from ninja import NinjaAPI

from qualimark.api import reference, registry, search, verify
from qualimark.api.errors import install_error_handlers
from qualimark.api.me import files as my_files
from qualimark.api.me import inspections as my_inspections

api = NinjaAPI(
    title="Qualimark registry API",
    version="1",
    description=(
        "Verify quick codes, certificate numbers and lot conformity codes on any date, "
        "search the registry and "
        "read certificates, datasheets, holders, marks, subjects and reference documents. "
        "Public identifiers are codes (quick codes, certificate numbers, enterprise "
        "numbers, scheme and subject codes). Errors are JSON "
        '`{"error": {"code": …, "message": …}}` with a stable code. Periods give '
        "`first_day` and `last_day`, both inclusive. Messages follow Accept-Language "
        "(nl, fr, en). Under `/me/`, the files and inspections of the logged-in user "
        "(session cookie; a POST carries the CSRF token in `X-CSRFToken`)."
    ),
    urls_namespace="api-v1",
)
install_error_handlers(api)
api.add_router("", verify.router)
api.add_router("", search.router)
api.add_router("", registry.router)
api.add_router("", reference.router)
api.add_router("/me", my_files.router)
api.add_router("/me", my_inspections.router)
