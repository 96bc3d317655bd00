"""Language-neutral endpoints."""

from django.http import HttpRequest, JsonResponse


def health(request: HttpRequest) -> JsonResponse:
    """Alive and serving; deliberately touches neither the database nor the cache."""
    return JsonResponse({"status": "ok"})
