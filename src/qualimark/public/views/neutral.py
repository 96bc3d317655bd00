"""Language-neutral endpoints."""

from django.db import connection
from django.http import HttpRequest, JsonResponse


def health(request: HttpRequest) -> JsonResponse:
    """Alive and serving; deliberately touches neither the database nor the cache."""
    return JsonResponse({"status": "ok"})


def health_db(request: HttpRequest) -> JsonResponse:
    """Alive and reaching the database: the same stack as `health` plus one `SELECT 1`.

    The floor of any answer that needs the database: on PostgreSQL one round trip to the
    server is the physical cost of asking it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})
