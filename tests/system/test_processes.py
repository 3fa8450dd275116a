"""Every process for real, started the way docker-compose.yml starts them.

gunicorn, a Celery worker and Celery beat run as separate processes in
production mode against PostgreSQL (a database of their own), Redis and a
local SMTP sink. A person signs up over HTTP, confirms their email, opens a
case and gets a reminder. Then a worker is killed with SIGKILL in the middle
of a batch of 300 reminders: a new one finishes the work, and every reminder
arrives exactly once. Every process is stopped at the end, even on failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from email.policy import default as default_policy
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse

import psycopg
import pytest
import redis
from aiosmtpd.controller import Controller
from django.utils import timezone

from tests.factories import PASSWORD
from tests.project.test_setup import production_env
from tests.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_DB = 3


# The SMTP sink -----------------------------------------------------------------


class PausableSink:
    """Accepts every message; can hold a sender at a chosen MAIL FROM, to kill it there."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.mail_commands = 0
        self.pause_at: int | None = None
        self.paused = threading.Event()
        self.release = threading.Event()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            self.mail_commands += 1
            hold = self.pause_at is not None and self.mail_commands == self.pause_at
        if hold:
            # The worker has committed every message before this one and now waits
            # for our answer: the safest moment to kill it, mid-batch.
            self.paused.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted"

    def to(self, prefix: str):
        with self.lock:
            return [m for m in self.messages if m["To"].startswith(prefix)]


# Processes --------------------------------------------------------------------


class Processes:
    def __init__(self, env: dict, logs: Path):
        self.env, self.logs, self.running = env, logs, {}

    def start(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(
            argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running[name] = (process, log)
        return process

    def kill(self, name: str) -> None:
        process, log = self.running.pop(name)
        os.killpg(process.pid, signal.SIGKILL)  # the worker and its pool children, at once
        process.wait(timeout=10)
        log.close()

    def stop_all(self) -> None:
        for process, _ in self.running.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process, log in self.running.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
            log.close()
        self.running.clear()

    def run(self, argv: list[str]) -> str:
        result = subprocess.run(argv, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout


# A small HTTP client that keeps cookies itself (production cookies are Secure) -------


class Browser:
    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, data: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        connection.close()
        return response.status, response.headers.get("Location", ""), content

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


# The stack ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    logs = tmp_path_factory.mktemp("system")
    database = f"optout_system_{os.getpid()}"
    admin_url = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        conn.execute(f'CREATE DATABASE "{database}"')
    broker = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    broker.flushdb()

    sink = PausableSink()
    smtp_port, web_port = free_port(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()

    env = {
        "PATH": f"{BIN}:{os.environ['PATH']}",
        "HOME": str(logs),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **production_env(),  # production, with a real operator for the legal pages
        "SECRET_KEY": "system-test-" + "k3Jx9q2Lm7Vw0Zr5Tn8Bp4Yc6Hd1Gf3Sa2Qe7Wu9Io0Pl5Kj8",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "SITE_URL": f"http://127.0.0.1:{web_port}",
        "SECURE_SSL_REDIRECT": "false",  # no TLS proxy in front here
        "VAR_DIR": str(logs / "var"),
        "DISPATCH_INTERVAL_SECONDS": "1",
        "DISPATCH_LEASE_SECONDS": "4",
        "GUNICORN_BIND": f"127.0.0.1:{web_port}",
        "GUNICORN_WORKERS": "2",
        "LOG_FORMAT": "json",
    }
    processes = Processes(env, logs)
    try:
        processes.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"])
        processes.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"])
        processes.start("web", [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application"])
        processes.start(
            "worker-1", [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO", "--concurrency=1"]
        )
        processes.start(
            "beat",
            [str(BIN / "celery"), "-A", "config", "beat", "--loglevel=INFO", "--schedule", str(logs / "beat-schedule")],
        )
        browser = Browser(web_port)
        wait_for(lambda: _healthy(browser), 30, "/healthz to answer 200")
        yield {
            "sink": sink,
            "browser": browser,
            "processes": processes,
            "db": f"postgresql://postgres@127.0.0.1:5432/{database}",
            "logs": logs,
        }
    finally:
        processes.stop_all()
        sink.release.set()
        controller.stop()
        broker.flushdb()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _healthy(browser) -> bool:
    try:
        status, _, body = browser.get("/healthz")
    except OSError:
        return False
    return status == 200 and '"database": "ok"' in body


def sql(stack, query, *params):
    with psycopg.connect(stack["db"]) as conn:
        return conn.execute(query, params).fetchall()


def test_health_answers_in_json(stack):
    status, _, body = stack["browser"].get("/healthz")
    assert status == 200
    assert body == '{"status": "ok", "database": "ok", "broker": "ok", "dispatch": "ok"}'


def test_someone_signs_up_confirms_opens_a_case_and_gets_a_reminder(stack):
    browser, sink = stack["browser"], stack["sink"]
    address = "system@example.org"

    browser.get("/compte/inscription/")
    status, location, _ = browser.post(
        "/compte/inscription/", {"email": address, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert (status, location) == (302, "/compte/courriel/confirmation/")

    wait_for(lambda: sink.to(address), 20, "the verification email")
    text = sink.to(address)[0].get_body(preferencelist=("plain",)).get_content()
    link = urlparse(re.search(r"http://127\.0\.0\.1:\d+/compte/courriel/confirmation/\S+/", text).group(0)).path
    assert browser.get(link)[0] == 200
    status, location, _ = browser.post(link, {})
    assert (status, location) == (302, "/suivi/")

    status, location, _ = browser.post("/suivi/nouvelle-demarche/", {"label": "Moi", "relation": "self"})
    assert status == 302 and location.endswith("/nouvelle-demarche/")
    today = timezone.localdate()
    status, location, _ = browser.post(
        location,
        {
            "situation": "letter",
            "channel": "post",
            "sent_on": (today - timedelta(days=5)).isoformat(),
            "received_on": (today - timedelta(days=3)).isoformat(),
            "route": "phone",
        },
    )
    assert status == 302, location
    case_id = int(re.search(r"/suivi/demarches/(\d+)/", location).group(1))
    assert browser.get(location)[0] == 200

    # The case has its reminders; bring the first one to now.
    kinds = {kind for (kind,) in sql(stack, "SELECT kind FROM optout_reminder WHERE case_id = %s", case_id)}
    # Which lead reminders exist depends on the calendar (two on one day are merged): the first and the last do.
    assert {"lead-7", "last-call", "missed"} <= kinds
    sql(stack, "UPDATE optout_reminder SET due_at = now() WHERE case_id = %s AND kind = 'lead-7' RETURNING id", case_id)

    wait_for(lambda: len(sink.to(address)) == 2, 30, "the reminder email")
    reminder = sink.to(address)[1]
    assert reminder["Subject"].startswith("J-")
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sql(stack, "SELECT status FROM optout_reminder WHERE case_id = %s AND kind = 'lead-7'", case_id) == [
        ("sent",)
    ]


def test_a_worker_killed_mid_batch_loses_nothing_and_doubles_nothing(stack):
    sink, processes = stack["sink"], stack["processes"]
    already = sink.mail_commands
    sink.pause_at = already + 101  # hold the worker after 100 reminders of this batch

    processes.run([sys.executable, "manage.py", "seed_demo", "--users", "300", "--due-now"])
    assert sink.paused.wait(60), "the worker never reached the 101st reminder"

    in_flight = sql(stack, "SELECT count(*) FROM optout_reminder WHERE status = 'sending'")[0][0]
    processes.kill("worker-1")
    sink.release.set()
    assert in_flight > 0, "the kill did not happen mid-batch"
    assert len(sink.to("demo-")) == 100

    processes.start("worker-2", [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO", "--concurrency=2"])
    wait_for(lambda: len(sink.to("demo-")) >= 300, 90, "all 300 reminders")
    time.sleep(3)  # anything sent twice would arrive now

    demo = sink.to("demo-")
    ids = [m["Message-ID"] for m in demo]
    assert len(demo) == 300
    assert len(set(ids)) == 300
    assert len({m["To"] for m in demo}) == 300
    statuses = sql(
        stack,
        "SELECT r.status, count(*) FROM optout_reminder r JOIN optout_case c ON c.id = r.case_id "
        "JOIN optout_person p ON p.id = c.person_id JOIN accounts_user u ON u.id = p.owner_id "
        "WHERE u.email LIKE 'demo-%%' GROUP BY r.status",
    )
    assert statuses == [("sent", 300)]
