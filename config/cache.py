"""The cache: Redis, and the database while Redis cannot be reached.

allauth's rate limits and the page cache live in the cache. Without this, a Redis
that is down or unreachable turned every sign-in and every signed-in page into a 500.
`RedisWithFallback` is Django's Redis cache until a call fails with a connection
error; then, for RETRY_SECONDS, every call goes to the database cache (the same
table the site uses without Redis), so that rate limits still hold. Keys under
LOCAL_ONLY prefixes (the page cache: rendered pages with people's names) never
go to the database: while Redis is away they are simply not cached.

Each change of state is logged once per process and reported to
settings.CACHE_STATE_RECORDER (a function named there, so that config/ imports
nothing of the domain), which /metrics reads.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone
from django.utils.module_loading import import_string
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
#: While Redis is away, how long before one call tries it again.
RETRY_SECONDS = 5.0
#: Keys that are only worth keeping in memory.
LOCAL_ONLY = ("page:",)
#: Seconds to connect to Redis, and to wait for an answer, before taking it as away.
TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 2}


class RedisWithFallback(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**TIMEOUTS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._fallback = DatabaseCache("django_cache", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._lock = threading.Lock()
        self._away_until = 0.0

    @property
    def away(self) -> bool:
        return time.monotonic() < self._away_until

    def _went_away(self, error: Exception) -> None:
        with self._lock:
            first = self._away_until == 0.0
            self._away_until = time.monotonic() + RETRY_SECONDS
        if first:
            logger.warning("cache: Redis unreachable (%s), using the database cache", type(error).__name__)
            _record(down=True, detail=type(error).__name__)

    def _came_back(self) -> None:
        with self._lock:
            was_away, self._away_until = self._away_until != 0.0, 0.0
        if was_away:
            logger.info("cache: Redis answers again")
            _record(down=False, detail="")

    def _call(self, name: str, key, default, *args, **kwargs):
        if not self.away:
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except UNREACHABLE as error:
                self._went_away(error)
            else:
                if self._away_until:
                    self._came_back()
                return result
        if isinstance(key, str) and key.startswith(LOCAL_ONLY):
            return default
        return getattr(self._fallback, name)(*args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, None, key, value, timeout, version=version)

    def add(self, key, value, *args, **kwargs):
        return self._call("add", key, True, key, value, *args, **kwargs)

    def touch(self, key, *args, **kwargs):
        return self._call("touch", key, False, key, *args, **kwargs)

    def delete(self, key, version=None):
        return self._call("delete", key, False, key, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, False, key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, None, key, delta, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", None, {}, keys, version=version)

    def set_many(self, data, *args, **kwargs):
        return self._call("set_many", None, [], data, *args, **kwargs)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, None, keys, version=version)

    def clear(self):
        return self._call("clear", None, None)


def _record(*, down: bool, detail: str) -> None:
    path = getattr(settings, "CACHE_STATE_RECORDER", "")
    if not path:
        return
    try:
        import_string(path)(down=down, detail=detail, now=timezone.now())
    except Exception as error:  # telling must never be what breaks the request
        logger.warning("cache: could not record its state (%s)", type(error).__name__)
