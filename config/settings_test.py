"""Settings for the test suite: real PostgreSQL and Redis on this machine.

`make test` makes sure both answer; these defaults let `pytest` run alone too.
"""

import os

os.environ.setdefault("DJANGO_ENV", "test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/optout")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/1")
os.environ.setdefault("SITE_URL", "http://testserver")

from config.settings import *  # noqa: F403
