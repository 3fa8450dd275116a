"""A request id in every log line and in the X-Request-ID response header.

The id is set when Django starts handling a request (the `request_started`
signal) and cleared when the response is closed (`request_finished`), not by
the middleware alone: Django logs 4xx and 5xx responses (`django.request`)
after the whole middleware chain has returned, and those lines need the id too.
"""

import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished, request_started

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
# Accept the proxy's id when it looks like one; otherwise make our own.
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


def _new_id(incoming: str) -> str:
    return incoming if SANE_ID.match(incoming) else uuid.uuid4().hex


def _on_request_started(sender, environ=None, **kwargs):
    request_id_var.set(_new_id((environ or {}).get("HTTP_X_REQUEST_ID", "")))


def _on_request_finished(sender, **kwargs):
    request_id_var.set(None)


request_started.connect(_on_request_started, dispatch_uid="config.request_id.started")
request_finished.connect(_on_request_finished, dispatch_uid="config.request_id.finished")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_var.get()
        if request_id is None:  # a handler that sends no request_started (ASGI, some tests)
            request_id = _new_id(request.META.get("HTTP_X_REQUEST_ID", ""))
            request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        # For plain lines: " [id]" during a request, nothing outside one.
        record.request_tag = f" [{record.request_id}]" if record.request_id else ""
        return True
