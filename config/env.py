"""Strict readers for settings taken from the environment.

A value we cannot parse stops the process at start-up with a message that
names the variable, instead of failing at the first request (or worse,
silently reading "maybe" as False).

Every variable may instead be given as a file: `SECRET_KEY_FILE=/run/secrets/secret_key` reads
the value from that file (its surrounding blank space removed), for Docker secrets.
"""

from __future__ import annotations

import os

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def _from_file(name: str) -> str | None:
    """`NAME_FILE`: the path of a file holding NAME's value (Docker and Kubernetes secrets, as
    Healthchecks reads them), so that a secret need not sit in the environment."""
    path = os.environ.get(f"{name}_FILE", "").strip()
    if not path:
        return None
    if os.environ.get(name, "").strip():
        raise ImproperlyConfigured(f"{name} and {name}_FILE are both set: keep one.")
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc.strerror}.") from None


def _raw(name: str) -> str | None:
    value = _from_file(name)
    if value is None:
        value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def is_set(name: str) -> bool:
    return _raw(name) is not None


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = _raw(name)
    if value is None:
        if required:
            raise ImproperlyConfigured(f"{name} must be set (see .env.example).")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of "
        f"{', '.join(sorted(TRUE_WORDS))} or {', '.join(sorted(FALSE_WORDS))}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum {minimum}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name}={number} is above the maximum {maximum}.")
    return number


def env_list(name: str, default: list[str], *, required: bool = False) -> list[str]:
    value = _raw(name)
    if value is None:
        if required:
            raise ImproperlyConfigured(f"{name} must be set (a comma-separated list, see .env.example).")
        return list(default)
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name}={value!r} holds no item.")
    return items


def env_choice(name: str, choices: list[str], default: str) -> str:
    value = _raw(name)
    if value is None:
        return default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {', '.join(choices)}.")
    return value


def env_database(name: str, default: str, *, required: bool = False) -> dict:
    url = env_str(name, default, required=required)
    scheme = url.split(":", 1)[0]
    if scheme not in environ.Env.DB_SCHEMES:
        raise ImproperlyConfigured(f"{name} uses the unknown database scheme {scheme!r}.")
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # django-environ raises several kinds of errors
        raise ImproperlyConfigured(f"{name} is not a usable database URL: {exc}") from None
    return config


def env_email(name: str) -> dict | None:
    url = env_str(name)
    if url is None:
        return None
    try:
        return environ.Env.email_url_config(url)
    except Exception as exc:
        raise ImproperlyConfigured(f"{name} is not a usable email URL: {exc}") from None


def env_redis_url(name: str) -> str | None:
    url = env_str(name)
    if url is not None and not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"{name}={url!r} must start with redis://, rediss:// or unix://.")
    return url
