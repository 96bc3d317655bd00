"""Short, stable public addresses of what the registry verifies.

They are built on the code people read (quick code, certificate number, lot code), never
on a database id, so that a link printed on a delivery note today still works in ten years.
"""

import re
from urllib.parse import quote

from django.conf import settings

# What a path carries as it is (RFC 3986's unreserved characters): every code the registry
# issues is written with these alone, so quoting is needed only for what people type.
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]*")


def verification_path(code: str) -> str:
    """/v/12345678: the language-neutral path that answers for `code`."""
    return f"/v/{code if _UNRESERVED.fullmatch(code) else quote(code, safe='')}"


def verification_url(code: str) -> str:
    return settings.QUALIMARK_PUBLIC_URL + verification_path(code)
