from django.urls import URLPattern, URLResolver, include, path, re_path

from qualimark.api.api import api
from qualimark.api.errors import json_method_errors, unknown_address


def _with_json_method_errors(
    patterns: list[URLPattern | URLResolver],
) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = json_method_errors(pattern.callback)
    return patterns


_patterns, _app_name, _namespace = api.urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include((_with_json_method_errors(_patterns), _app_name), namespace=_namespace)),
    # Anything else under /api/v1/ is answered in JSON too, never by an HTML 404 page.
    re_path(r"^.*$", unknown_address),
]
