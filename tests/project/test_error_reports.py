"""Error reports carry no personal data: a real Django process sends real events to a fake Sentry.

The process runs with production's variables and SENTRY_DSN pointing at a small HTTP server
standing in for Sentry's ingest endpoint, and its database unreachable, so that
every request below fails with a 500 while holding what must never leave: a
sign-up's passwords, a login's address and password, a calendar feed's token, a
password-reset key, a webhook's recipient and secret, cookies.
"""

import gzip
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import WEBHOOK_SECRET, basic_auth
from tests.delivery import payloads
from tests.project.test_setup import production_env, run_django

PASSWORD = "Sesame-Ouvre-Toi-8841"
ADDRESS = "camille.secret-owner@example.org"
FEED_TOKEN = "Fe3dT0kenN0b0dyShouldSee4ever_abcdEFGH1234"
RESET_KEY = "d2x9k7-4b1e8c0f2a5d7e9b1c3d5f7a9b2c4d6e"
SESSION = "s3ss10nc00k1ev4lu3abcdefghijklmn"
CSRF = "csrfC00k1eV4lu3abcdefghijklmnopqrst"
SECRETS = [PASSWORD, ADDRESS, FEED_TOKEN, RESET_KEY.split("-", 1)[1], SESSION, CSRF, WEBHOOK_SECRET.split(":")[1]]

FAILING_REQUESTS = f"""
import django, sentry_sdk
django.setup()
from django.test import Client
from django.urls import reverse

client = Client(raise_request_exception=False, HTTP_HOST="a-temps.example.org", secure=True)
client.cookies["sessionid"] = "{SESSION}"
client.cookies["csrftoken"] = "{CSRF}"
statuses = [
    client.post(reverse("account_signup"), {{"email": "{ADDRESS}", "password1": "{PASSWORD}",
                                            "password2": "{PASSWORD}"}}).status_code,
    client.post(reverse("account_login"), {{"login": "{ADDRESS}", "password": "{PASSWORD}"}}).status_code,
    client.get(reverse("calendar_feed", args=["{FEED_TOKEN}"])).status_code,
    client.get(reverse("account_reset_password_from_key", kwargs={{"uidb36": "1", "key": "{RESET_KEY}"}})).status_code,
    client.post("/webhooks/brevo/", {json.dumps(payloads.brevo("hard_bounce", ADDRESS)[0])!r},
                content_type="application/json", HTTP_AUTHORIZATION="{basic_auth(WEBHOOK_SECRET)}").status_code,
]
sentry_sdk.flush(timeout=10)
print(statuses)
"""


class FakeSentry(BaseHTTPRequestHandler):
    """Sentry's ingest endpoint, as far as the SDK can tell: keeps every envelope it receives."""

    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id": "0"}')

    def log_message(self, *args):
        pass


def events(envelopes: list[bytes]) -> list[dict]:
    """The event items of Sentry envelopes (one JSON header, then item header and payload lines)."""
    found = []
    for envelope in envelopes:
        lines = envelope.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                found.append(json.loads(payload))
    return found


@pytest.mark.slow
def test_error_reports_carry_no_password_address_token_key_cookie_or_body():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSentry)
    FakeSentry.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = run_django(
            FAILING_REQUESTS,
            production_env(
                SENTRY_DSN=f"http://publickey@127.0.0.1:{server.server_port}/1",
                DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere",  # every request fails
                ANYMAIL_WEBHOOK_SECRET=WEBHOOK_SECRET,
                DJANGO_ENV="test",  # production's settings but its manifest of collected static files
            ),
        )
    finally:
        server.shutdown()

    assert result.stdout.strip() == "[500, 500, 500, 500, 500]", result.stderr[-3000:]
    reports = events(FakeSentry.received)
    assert len(reports) >= 5  # the tracker got a report of each failure
    sent = "\n".join(json.dumps(report) for report in reports)
    leaked = [secret for secret in SECRETS if secret in sent]
    assert leaked == []
    assert "OperationalError" in sent  # what broke is still there
    for report in reports:
        request = report.get("request", {})
        assert not {"data", "cookies", "query_string", "env"} & set(request), request.keys()
        assert {name.lower() for name in request.get("headers", {})} <= {
            "host",
            "user-agent",
            "content-type",
            "content-length",
            "referer",
            "accept",
            "accept-language",
        }
        for exception in report.get("exception", {}).get("values", []):
            assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])


def test_messages_and_breadcrumbs_lose_tokens_keys_addresses_and_query_parameters():
    from config.logging import sentry_before_breadcrumb, sentry_before_send

    event = sentry_before_send(
        {
            "logentry": {"message": "Resolver404: {'path': 'calendrier/" + FEED_TOKEN + ".ics'}"},
            "exception": {"values": [{"type": "KeyError", "value": f"{ADDRESS} key={RESET_KEY}"}]},
            "extra": {"recipient": ADDRESS, "password1": PASSWORD, "count": 3},
            "user": {"email": ADDRESS},
        },
        {},
    )
    crumb = sentry_before_breadcrumb(
        {"category": "query", "message": "SELECT 1 WHERE email = %s", "data": {"db.params": [ADDRESS]}}, {}
    )

    sent = json.dumps([event, crumb])
    assert [secret for secret in SECRETS if secret in sent] == []
    assert event["extra"]["count"] == 3 and "KeyError" in sent  # what is not personal stays
