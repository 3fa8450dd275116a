import base64
import fcntl
import functools
import gc
import os
import tempfile
from pathlib import Path

import polib
import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, Phase, settings

from tests.factories import UserFactory

LOCALE = Path(__file__).resolve().parents[1] / "locale"

#: `make mutate` (pytest --hypothesis-profile=mutate): the same examples on every run, and no failure for
#: being slow on a busy machine, so that only a changed rule fails a test, never the load. No shrinking:
#: a changed rule is caught by the first failing example, and the smallest one is nobody's business there.
settings.register_profile(
    "mutate",
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),
)
#: Every run: a property holds or not whatever the machine's load; a busy CI machine must not fail a rule's
#: test for being slow (no deadline per example, no "too slow" health check).
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: `make check` (--hypothesis-profile=check): the fast loop tries fewer examples; `make test` tries the default 100.
settings.register_profile("check", parent=settings.get_profile("suite"), max_examples=15)
settings.load_profile("suite")


def pytest_configure(config):
    """Compile a catalogue that is missing or older than its source, so that any test run alone
    (`pytest tests/deadlines` on a fresh clone) reads the words it asserts without `make messages`."""
    if hasattr(config, "workerinput"):
        return  # pytest-xdist: the controller has done it
    compiled_any = False
    for source in LOCALE.glob("*/LC_MESSAGES/django.po"):
        compiled = source.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            polib.pofile(str(source)).save_as_mofile(str(compiled))
            compiled_any = True
    if compiled_any:
        from django.utils.translation import trans_real

        trans_real._translations = {}  # read at start-up, before the catalogues existed
        trans_real._default = None


#: The folders whose tests `make check` leaves out (`make test` runs everything): the browser, whole
#: processes, the benchmarks' smoke run.
FOLDER_MARKS = {"/e2e/": "e2e", "/system/": "system", "/bench/": "bench"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        for folder, mark in FOLDER_MARKS.items():
            if folder in str(item.fspath):
                item.add_marker(getattr(pytest.mark, mark))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """`make mutate` runs two test sessions at once (mutmut's children, OPTOUT_MUTATION_SLOTS set by
    scripts/mutate.py): each takes a free slot, and with it a test database of its own, kept between
    sessions. On one database they waited on each other's rows (the same users, the same unique keys)."""
    if not os.environ.get("OPTOUT_MUTATION_SLOTS"):
        yield
        return
    from pytest_django.fixtures import _set_suffix_to_test_databases

    for slot in range(16):
        handle = (Path(tempfile.gettempdir()) / f"optout-mutation-slot-{slot}.lock").open("w")  # held for the session
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        break
    _set_suffix_to_test_databases(suffix=f"mutation{slot}")
    yield
    handle.close()


#: Under `make mutate`: every lru_cache of this process, found once, at the end of its first test session.
_CACHES: list = []


@pytest.fixture(scope="session", autouse=True)
def _no_results_from_the_unchanged_code():
    """Under `make mutate`: mutmut forks each child from a process that ran the tests once, so every
    lru_cache of the rules (a letter's dates, the line's days, the holidays) would answer with the
    unchanged code's results, and a changed rule would go unnoticed. The caches are found by walking
    every object once, in that first process (a tenth of a second), and each child inherits the list."""
    if not os.environ.get("OPTOUT_MUTATION_SLOTS"):
        yield
        return
    for cached in _CACHES:
        cached.cache_clear()
    yield
    if not _CACHES:
        _CACHES.extend(o for o in gc.get_objects() if isinstance(o, functools._lru_cache_wrapper))


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits live in the cache (Redis): each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def english_client(client):
    client.cookies["language"] = "en"
    return client


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server; Django sends to it for the test's duration."""
    from tests.smtp import SmtpServer

    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


WEBHOOK_SECRET = "hooks:k3Jx9q2Lm7Vw0Zr5Tn8B"


def basic_auth(secret: str) -> str:
    return "Basic " + base64.b64encode(secret.encode()).decode()


@pytest.fixture
def webhook_secret(settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": [WEBHOOK_SECRET]}
    return WEBHOOK_SECRET


@pytest.fixture
def post_event(client, webhook_secret):
    """Post a mail provider's payload to our webhook URL as the provider would: (body, headers), the secret."""

    def post(provider, payload, *, auth=WEBHOOK_SECRET):
        body, headers = payload
        if auth is not None:
            headers = {**headers, "HTTP_AUTHORIZATION": basic_auth(auth)}
        return client.post(f"/webhooks/{provider}/", body, content_type="application/json", **headers)

    return post


@pytest.fixture
def requests_commit(monkeypatch, django_capture_on_commit_callbacks):
    """Each request of the test client ends as a real one does: what it queued for after the commit
    (an account email, reminders/account_mail.py) runs when it returns. A test's transaction never
    commits; a request's work rolled back inside it queues nothing, as outside a test."""
    from django.test import Client

    send = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return send(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)
