"""Logs name rows by id: the secret tokens some URLs carry never reach them.

One rule, `TOKEN_IN_PATH`, knows every URL with a secret in its path: ours
(« C'est fait » and unsubscribe links, calendar feeds) and allauth's (the
password-reset key, the email-confirmation key). It redacts them wherever they
appear in a line — a request line, a Referer, a message, a traceback — in
Django's logs, gunicorn's access and error logs (config/gunicorn.py) and
events sent to Sentry.

Sentry events get more (`sentry_before_send`): no request body, cookie, query
string or header but a few harmless ones, no frame's local variables, and in
every string left, addresses and anything shaped like a token or a key redacted,
as well as any value whose name says it is a secret or personal. The same rule tells which pages send
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


#: An email address, anywhere in a string.
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Something shaped like a token or a key: 20 characters or more of letters, digits, "-", "_" or ":",
#: with at least one digit and one letter (a word, a path or a dotted name is not).
TOKENISH = re.compile(r"(?<![\w:-])(?=[\w:-]*\d)(?=[\w:-]*[A-Za-z])[\w:-]{20,}(?![\w:-])")
#: A value named like this is never sent, whatever it holds.
SECRET_NAME = re.compile(
    r"pass|pwd|secret|token|key|csrf|session|cookie|auth|signature|email|mail|recipient|login|code|note|label",
    re.IGNORECASE,
)
#: The only request headers an error report keeps.
SAFE_HEADERS = {"host", "user-agent", "accept", "accept-language", "content-type", "content-length", "referer"}
#: Parts of an event that describe the program, not the request: kept as they are.
PROGRAM_PARTS = {"contexts", "sdk", "modules", "debug_meta", "event_id", "timestamp", "platform", "release"}


def scrub(text: str) -> str:
    """A string fit for an error report: token URLs, addresses and token-shaped words redacted."""
    return TOKENISH.sub(REDACTED, ADDRESS.sub("[address]", redact(text)))


def _scrub_all(value, name: str = ""):
    if name and SECRET_NAME.search(name) and value not in (None, "", [], {}):
        return REDACTED
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: _scrub_all(item, str(key)) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_all(item) for item in value]
    return value


def _request(request: dict) -> dict:
    """The method, the path and a few headers: no body, cookie, query string or environment."""
    headers = {
        name: scrub(value) for name, value in (request.get("headers") or {}).items() if name.lower() in SAFE_HEADERS
    }
    kept = {"method": request.get("method"), "url": scrub((request.get("url") or "").split("?", 1)[0])}
    return {name: value for name, value in {**kept, "headers": headers}.items() if value}


def _frames(exception: dict) -> None:
    for frame in (exception.get("stacktrace") or {}).get("frames") or []:
        frame.pop("vars", None)  # local variables: passwords, keys, addresses, request bodies


def sentry_before_send(event, hint):
    """What Sentry receives: where it broke and what kind of error, nothing a person typed or owns."""
    if "request" in event:
        event["request"] = _request(event["request"])
    for exception in (event.get("exception") or {}).get("values") or []:
        _frames(exception)
    for thread in (event.get("threads") or {}).get("values") or []:
        _frames(thread)
    event.pop("user", None)
    return {key: value if key in PROGRAM_PARTS else _scrub_all(value) for key, value in event.items()}


def sentry_before_breadcrumb(crumb, hint):
    """Breadcrumbs keep their message, scrubbed; a query's parameters never."""
    data = crumb.get("data")
    if isinstance(data, dict):
        crumb["data"] = {key: value for key, value in data.items() if not key.startswith("db.params")}
    return _scrub_all(crumb)


#: What sentry_sdk.init gets besides the DSN (config/settings.py): nothing personal collected at all.
SENTRY_OPTIONS = {
    "send_default_pii": False,
    "include_local_variables": False,
    "max_request_body_size": "never",
    "before_send": sentry_before_send,
    "before_breadcrumb": sentry_before_breadcrumb,
    "traces_sample_rate": 0.0,
}
