from django.urls import URLPattern, URLResolver, include, path, re_path

from qualimark.api.api import api
from qualimark.api.errors import json_method_errors, unknown_address
from qualimark.api.verify import PLAIN_VIEWS


def _with_json_method_errors(
    patterns: list[URLPattern | URLResolver],
) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            # Verification is answered by plain views, which the operations only describe.
            plain = PLAIN_VIEWS.get(pattern.name or "")
            pattern.callback = json_method_errors(plain or pattern.callback)
    return patterns


_patterns, _app_name, _namespace = api.urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include((_with_json_method_errors(_patterns), _app_name), namespace=_namespace)),
    # Anything else under /api/v1/ is answered in JSON too, never by an HTML 404 page.
    re_path(r"^.*$", unknown_address),
]
