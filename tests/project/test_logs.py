"""No secret token in any log: gunicorn started with config/gunicorn.py, every token URL requested.

gunicorn runs as a real process on a free port, against this test run's own
database (committed rows: `transaction=True`) and Redis, with JSON logs. Each
token URL is requested with a real token and with a forged one, in the path and
in the Referer (as Chromium sends it for the static files a page loads); then
both gunicorn's access and error logs and Django's logs are read whole.
"""

from __future__ import annotations

import http.client
import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from optout import links, services
from tests.factories import UserFactory
from tests.helpers import NOW, open_case
from tests.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def forged(label: str) -> str:
    """A token-shaped secret nobody issued, easy to find in a log."""
    return f"Zq{label}{os.getpid()}SECRETxx9Kp2"


def token_urls(user, case, feed) -> dict[str, str]:
    """Every token URL, ours and allauth's, with a real token, and the token itself."""
    address = EmailAddress.objects.create(user=UserFactory(verified=False), email="new@example.org")
    reset_key = default_token_generator.make_token(user)
    confirm_key = EmailConfirmationHMAC(address).key
    step_token = links.step_done_token(case.pk, "call")
    stop_token = links.unsubscribe_token(user.pk)
    return {
        f"/fait/{step_token}/": step_token,
        f"/rappels/arret/{stop_token}/": stop_token,
        f"/calendrier/{feed.token}.ics": feed.token,
        f"/compte/mot-de-passe/nouveau/{user_pk_to_url_str(user)}-{reset_key}/": reset_key,
        f"/compte/courriel/confirmation/{confirm_key}/": confirm_key,
        # The English paths allauth had: they redirect, and their keys stay out of the logs too.
        f"/compte/password/reset/key/{user_pk_to_url_str(user)}-{reset_key}/": reset_key,
        f"/compte/confirm-email/{confirm_key}/": confirm_key,
        f"/fait/{forged('done')}/": forged("done"),
        f"/rappels/arret/{forged('stop')}/": forged("stop"),
        f"/calendrier/{forged('feed')}.ics": forged("feed"),
        f"/compte/mot-de-passe/nouveau/1-{forged('reset')}/": forged("reset"),
        f"/compte/courriel/confirmation/{forged('confirm')}/": forged("confirm"),
        f"/compte/password/reset/key/1-{forged('old-reset')}/": forged("old-reset"),
        f"/compte/confirm-email/{forged('old-confirm')}/": forged("old-confirm"),
    }


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    get(port, "/healthz")
                    break
                except OSError:
                    assert process.poll() is None, log.read_text()
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.2)
            yield port, log
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)


def get(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_no_token_reaches_the_access_log_or_the_application_log(gunicorn):
    port, log = gunicorn
    user = UserFactory()
    case = open_case(user)
    feed = services.calendar_feed_regenerate(user=user, now=NOW)
    urls = token_urls(user, case, feed)

    statuses = {}
    for path in urls:
        referer = {"Referer": f"http://127.0.0.1:{port}{path}"}
        statuses[path] = get(port, path, referer).status  # a page opened from another token page
        get(port, "/static/css/site.css", referer)  # the page's stylesheet, loaded with it as Referer
        get(port, "/page-qui-n-existe-pas/", referer)  # a 404: Django logs it
        get(port, "/compte/connexion/?next=" + quote(path, safe=""))  # the token, URL-encoded, in a query
    time.sleep(0.5)  # the last access lines
    written = log.read_text()

    assert sorted(set(statuses.values())) != [500]
    assert 404 in statuses.values() and 200 in statuses.values()  # real and forged tokens both went through
    assert "site.css" in written and "[redacted]" in written  # the lines are there, redacted
    for path, token in urls.items():
        for part in {token, *[p for p in re.split(r"[:-]", token) if len(p) >= 8]}:
            assert part not in written, (path, part)
    django_lines = [json.loads(line) for line in written.splitlines() if line.startswith('{"time"')]
    requests = [line for line in django_lines if line["logger"] == "django.request"]
    assert requests and all(line["request_id"] for line in requests)


@pytest.mark.parametrize(
    "path",
    [
        "/fait/abc/",
        "/rappels/arret/abc/",
        "/calendrier/abc.ics",
        "/compte/mot-de-passe/nouveau/1-abc/",
        "/compte/courriel/confirmation/abc/",
        "/compte/password/reset/key/1-abc/",
        "/compte/confirm-email/abc/",
    ],
)
@pytest.mark.django_db
def test_token_pages_let_no_referer_carry_their_path(client, path):
    assert client.get(path)["Referrer-Policy"] == "strict-origin"  # the origin only, never the token
    assert client.get("/")["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("log_format", ["plain", "json"])
def test_django_request_lines_carry_the_request_id(client, log_format):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    for name in settings.LOGGING["handlers"]["console"]["filters"]:
        handler.addFilter(import_string(settings.LOGGING["filters"][name]["()"])())
    formatter = settings.LOGGING["formatters"][log_format]
    handler.setFormatter(
        import_string(formatter["()"])() if "()" in formatter else logging.Formatter(formatter["format"])
    )
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/page-qui-n-existe-pas/", HTTP_X_REQUEST_ID="from-the-proxy-1234")
    finally:
        logger.removeHandler(handler)

    assert response.status_code == 404
    assert response["X-Request-ID"] == "from-the-proxy-1234"
    assert "Not Found: /page-qui-n-existe-pas/" in stream.getvalue()
    assert "from-the-proxy-1234" in stream.getvalue()
