"""/healthz: 200 when the database and the broker answer, 503 otherwise, in JSON.

Answered by a middleware placed first, before host validation and HTTPS
redirects: load balancers and container health checks call it by IP, over HTTP.

Beyond those two, settings.HEALTH_CHECKS names further checks (each a function
returning "ok" or what is wrong), imported at the first request so that config/
imports nothing of the domain: the dispatcher's lateness is one. When one of them
is not ok, /healthz answers 503 with status "degraded", naming it.
"""

import json
from functools import cache

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.module_loading import import_string

from config.celery import app

HEALTH_PATH = "/healthz"
#: /healthz and /metrics only tell: any other method (POST, PUT, TRACE, OPTIONS…) is a 405.
READ_METHODS = ("GET", "HEAD")


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


@cache
def _checks() -> dict:
    return {name: import_string(path) for name, path in settings.HEALTH_CHECKS.items()}


def _run(check, now) -> str:
    try:
        return check(now=now)
    except Exception as error:  # a check that cannot tell is not a healthy one
        return f"unknown: {type(error).__name__}"


def health(*, now) -> tuple[int, dict]:
    parts = {"database": _database(), "broker": _broker()}
    if any(value != "ok" for value in parts.values()):
        return 503, {"status": "unavailable", **parts, **dict.fromkeys(_checks(), "unknown")}
    parts |= {name: _run(check, now) for name, check in _checks().items()}
    healthy = all(value == "ok" for value in parts.values())
    return (200 if healthy else 503), {"status": "ok" if healthy else "degraded", **parts}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.rstrip("/") != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in READ_METHODS:
            return HttpResponseNotAllowed(READ_METHODS)
        status, body = health(now=timezone.now())  # the clock is read here, at the edge
        response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
        response["Cache-Control"] = "no-store"
        return response
