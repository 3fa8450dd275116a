"""/healthz: 200 when the database and the broker answer, 503 otherwise, in JSON.

Answered by a middleware placed first, before host validation and HTTPS
redirects: load balancers and container health checks call it by IP, over HTTP.
"""

import json

from django.db import connection
from django.http import HttpResponse

from config.celery import app

HEALTH_PATH = "/healthz"


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "down"; say which kind
        return f"down: {type(error).__name__}"
    return "ok"


def _broker() -> str:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception as error:
        return f"down: {type(error).__name__}"
    return "ok"


def health() -> tuple[int, dict]:
    parts = {"database": _database(), "broker": _broker()}
    healthy = all(value == "ok" for value in parts.values())
    return (200 if healthy else 503), {"status": "ok" if healthy else "unavailable", **parts}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.rstrip("/") != HEALTH_PATH:
            return self.get_response(request)
        status, body = health()
        response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
        response["Cache-Control"] = "no-store"
        return response
