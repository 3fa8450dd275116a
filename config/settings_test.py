"""Settings for the test suite: real PostgreSQL and Redis on this machine.

`make test` makes sure both answer; these defaults let `pytest` run alone too.
"""

import os

os.environ.setdefault("DJANGO_ENV", "test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/optout")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/1")
os.environ.setdefault("SITE_URL", "http://testserver")

# `make check` runs the tests in parallel (pytest-xdist): each worker has its own database (pytest-django
# adds _gw0, _gw1…) and its own Redis database, so that one's cache.clear() never wipes another's limits.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and _worker[2:].isdigit():
    _base, _, _db = os.environ["REDIS_URL"].rpartition("/")
    os.environ["REDIS_URL"] = f"{_base}/{(int(_db) if _db.isdigit() else 0) + int(_worker[2:])}"

from config.settings import *  # noqa: E402, F403

# Tasks run where they are queued, as the worker would run them (tests/dispatch/test_celery.py and the
# system tests use a real broker and worker instead). An email a request asks for is queued once its
# transaction commits: tests see it after the commit (django_capture_on_commit_callbacks, or a
# transactional test).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
