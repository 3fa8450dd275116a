"""Rendered fragments of a person's busiest pages, kept in the cache for an hour.

A fragment is used only while the person's `data_version` (bumped by every
service that changes what their pages show), the day, the language and the
time zone are the same as when it was rendered, and until the moment it says
it goes stale (`valid_until`: the first next action's last moment, when the
page would then tell something else — 17:00 on a last call day): there is
nothing to invalidate by hand. Fragments never contain a CSRF token nor anything that depends on the
time of day: the template puts a placeholder there (`csrf_input`, and
`live.<name>` for each live part), and `render_cached` fills them in per
request. They live in Redis, which keeps nothing on disk. A fragment that names
deleted data goes with it: deleting a case forgets its page and the dashboard,
deleting a person every page of theirs, deleting an account every fragment of
the account (`forget_all`, which also finds pages of cases deleted before).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

TTL_SECONDS = 3600


def _mark(name: str) -> str:
    return f"\ue000live:{name}\ue001"  # private-use characters: never in our text, never escaped


CSRF_MARK = _mark("csrf-token")
CSRF_INPUT = mark_safe(f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_MARK}">')  # noqa: S308


def key(user_id: int, name: str) -> str:
    return f"page:{name}:{user_id}"


def enabled() -> bool:
    """Only in memory: with the database cache (no Redis), pages are not kept at all."""
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def _fragment(request, name: str, day: str, now: datetime | None, build: Callable[[], dict]) -> dict:
    if not enabled():
        return build()
    user = request.user
    stamp = [user.data_version, day, get_language(), user.time_zone]
    hit = cache.get(key(user.pk, name))
    if hit is not None and hit["stamp"] == stamp and not _stale(hit["parts"], now):
        return hit["parts"]
    parts = build()
    cache.set(key(user.pk, name), {"stamp": stamp, "parts": parts}, TTL_SECONDS)
    return parts


def _stale(parts: dict, now: datetime | None) -> bool:
    until = parts.get("valid_until")
    return bool(until) and now is not None and now >= datetime.fromisoformat(until)


def valid_until(moments) -> str:
    """The earliest of these moments (None ignored), as the fragment's `valid_until`; '' for none."""
    known = [moment for moment in moments if moment is not None]
    return min(known).isoformat() if known else ""


def render_cached(
    request,
    name: str,
    build: Callable[[dict], dict],
    *,
    page: str,
    day: str,
    now: datetime | None = None,
    live: dict[str, Callable[[dict], str]] | None = None,
    fresh: bool = False,
    status: int = 200,
) -> HttpResponse:
    """Render `page` around a cached fragment.

    `build(placeholders)` runs only when no fresh copy is cached; it gets the
    context entries to hand its template (`csrf_input`, `live`) and returns a dict
    of strings, one of them "html" (and "valid_until", see `valid_until`). `live` maps each live part's name to a function
    that renders it for this request, from the fragment's parts. `fresh` renders without reading or writing the
    cache (a page showing a refused form's input and errors).
    """
    live = live or {}
    placeholders = {"csrf_input": CSRF_INPUT, "live": {name: mark_safe(_mark(name)) for name in live}}  # noqa: S308
    parts = build(placeholders) if fresh else _fragment(request, name, day, now, lambda: build(placeholders))
    html = parts["html"].replace(CSRF_MARK, get_token(request))
    for part, render_part in live.items():
        html = html.replace(_mark(part), render_part(parts))
    return render(request, page, {**parts, "content": mark_safe(html)}, status=status)  # noqa: S308 - ours


def forget(user_id: int, names: list[str]) -> None:
    if enabled():
        cache.delete_many([key(user_id, name) for name in names])


def forget_cases(user_id: int, case_ids) -> None:
    """Deleted cases: their pages and the dashboard that listed them."""
    forget(user_id, ["dashboard", *[f"case:{pk}" for pk in case_ids]])


def forget_all(user_id: int) -> None:
    """Every fragment of the account, whatever page it was (a deleted account keeps none)."""
    if not enabled():
        return
    try:
        client = cache._cache.get_client(write=True)  # Django's Redis backend: the raw client, to find the keys
        doomed = list(client.scan_iter(match=cache.make_key(key(user_id, "*")), count=500))
        if doomed:
            client.delete(*doomed)
    except (RedisError, OSError) as error:  # Redis away: what it holds expires within TTL_SECONDS
        logger.warning("page cache: could not forget user %s's pages (%s)", user_id, type(error).__name__)
