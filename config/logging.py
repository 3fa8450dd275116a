"""Logs name rows by id: the secret tokens some URLs carry never reach them.

One rule, `TOKEN_IN_PATH`, knows every URL with a secret in its path: ours
(« C'est fait » and unsubscribe links, calendar feeds) and allauth's (the
password-reset key, the email-confirmation key). It redacts them wherever they
appear in a line — a request line, a Referer, a message, a traceback — in
Django's logs, gunicorn's access and error logs (config/gunicorn.py) and
events sent to Sentry. The same rule tells which pages send
`Referrer-Policy: strict-origin` (config/middleware.py). tests/views/test_tokens.py
checks that it covers every token URL of the URL conf.
"""

import json
import logging
import re
from datetime import UTC, datetime

#: The path segments a secret follows, up to the next "/" (or its %2F encoding).
TOKEN_PREFIXES = (
    "fait",  # /fait/<signed token>/
    "rappels/arret",  # /rappels/arret/<signed token>/
    "calendrier",  # /calendrier/<feed token>.ics
    "adresse/confirmer",  # /adresse/confirmer/<signed token>/ ("my address works")
    "mot-de-passe/nouveau",  # allauth: /compte/mot-de-passe/nouveau/<uidb36>-<key>/
    "courriel/confirmation",  # allauth: /compte/courriel/confirmation/<key>/
    # allauth's English paths, which redirect to the French ones (accounts/allauth_urls.py).
    "password/reset/key",  # /compte/password/reset/key/<uidb36>-<key>/
    "confirm-email",  # /compte/confirm-email/<key>/
)
_SLASH = r"(?:/|%2F)"
TOKEN_IN_PATH = re.compile(
    rf"(?P<prefix>{_SLASH}(?:{'|'.join(p.replace('/', _SLASH) for p in TOKEN_PREFIXES)}){_SLASH})"
    rf"(?P<token>(?:(?!%2F)[^/\s\"'<>?#&\\])+)",
    re.IGNORECASE,
)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(lambda m: m.group("prefix") + REDACTED, text)


def has_token(path: str) -> bool:
    return TOKEN_IN_PATH.search(path) is not None


class RedactSecrets(logging.Filter):
    """On every handler: the message and any traceback, with tokens redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for production log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info or record.exc_text:
            entry["exception"] = redact(record.exc_text or self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def _redact_all(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redact_all(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_all(item) for item in value]
    return value


def sentry_before_send(event, hint):
    """Sentry events carry the request's URL and headers: the same rule applies."""
    return _redact_all(event)


def sentry_before_breadcrumb(crumb, hint):
    return _redact_all(crumb)
