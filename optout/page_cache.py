"""Rendered fragments of a person's busiest pages, kept in the cache for an hour.

A fragment is used only while the person's `data_version` (bumped by every
service that changes what their pages show), the day, the language and the
time zone are the same as when it was rendered: there is nothing to invalidate
by hand. Fragments never contain a CSRF token (a placeholder is filled in per
request) nor anything that depends on the time of day. They live in Redis,
which keeps nothing on disk, and are deleted with the account.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

TTL_SECONDS = 3600
CSRF_MARK = "@@csrf-token@@"
CSRF_INPUT = mark_safe(f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_MARK}">')  # noqa: S308


def key(user_id: int, name: str) -> str:
    return f"page:{name}:{user_id}"


def enabled() -> bool:
    """Only in memory: with the database cache (no Redis), pages are not kept at all."""
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def fragment(request, name: str, day: str, render: Callable[[], dict]) -> dict:
    """`render()` returns a dict of strings; it runs only when no fresh copy is cached."""
    if not enabled():
        return render()
    user = request.user
    stamp = [user.data_version, day, get_language(), user.time_zone]
    hit = cache.get(key(user.pk, name))
    if hit is not None and hit["stamp"] == stamp:
        return hit["parts"]
    parts = render()
    cache.set(key(user.pk, name), {"stamp": stamp, "parts": parts}, TTL_SECONDS)
    return parts


def with_csrf(request, html: str) -> SafeString:
    return mark_safe(html.replace(CSRF_MARK, get_token(request)))  # noqa: S308 - our own rendered template


def forget(user_id: int, names: list[str]) -> None:
    if enabled():
        cache.delete_many([key(user_id, name) for name in names])
