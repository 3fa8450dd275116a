"""Signed links for one-click actions in emails: a salt per purpose, an expiry.

The GET behind each link only shows a confirmation page; the POST acts
(mail scanners open links). A « C'est fait » link knows when it was signed: once
its step has been done or undone since, it is an old link and only shows the
step as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.urls import reverse

STEP_DONE_SALT = "optout.links.step-done"
UNSUBSCRIBE_SALT = "optout.links.unsubscribe"
ADDRESS_SALT = "optout.links.address-works"
STEP_DONE_MAX_AGE = timedelta(days=45)
UNSUBSCRIBE_MAX_AGE = timedelta(days=400)
ADDRESS_MAX_AGE = timedelta(days=7)


class BadLink(Exception):
    """Tampered with, or expired."""


@dataclass(frozen=True)
class StepDone:
    case_id: int
    kind: str
    #: When the link was signed (to the second): a step done or undone since then makes it an old link.
    issued_at: datetime


@lru_cache(maxsize=4)
def _domain_of(site: str) -> str:
    return site.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def site_domain() -> str:
    """The host name of SITE_URL, for Message-IDs and calendar UIDs."""
    return _domain_of(settings.SITE_URL)


def list_id() -> str:
    """The List-Id of our reminders (RFC 2919): lets mail clients and providers file and filter them."""
    return f"Rappels <rappels.{site_domain()}>"


def step_done_token(case_id: int, kind: str) -> str:
    return signing.dumps({"c": case_id, "k": kind}, salt=STEP_DONE_SALT)


@lru_cache(maxsize=8)
def _url_pattern(name: str, site: str) -> str:
    """The view's URL with a hole for the token: reversed once, not for every email of a wave."""
    return site + reverse(name, args=["TOKEN"]).replace("TOKEN", "{}")


def step_done_url(case_id: int, kind: str) -> str:
    return _url_pattern("step_done_link", settings.SITE_URL).format(step_done_token(case_id, kind))


def read_step_done(token: str) -> StepDone:
    try:
        data = signing.loads(token, salt=STEP_DONE_SALT, max_age=STEP_DONE_MAX_AGE)
        # A signed value ends with ":<timestamp>:<signature>"; the signature above covers the timestamp.
        issued_at = datetime.fromtimestamp(signing.b62_decode(token.rsplit(":", 2)[1]), tz=UTC)
        return StepDone(case_id=int(data["c"]), kind=str(data["k"]), issued_at=issued_at)
    except (signing.BadSignature, KeyError, TypeError, ValueError, IndexError) as error:
        raise BadLink from error


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps({"u": user_id}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user_id: int) -> str:
    return _url_pattern("unsubscribe", settings.SITE_URL).format(unsubscribe_token(user_id))


def read_unsubscribe(token: str) -> int:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadLink from error


@dataclass(frozen=True)
class AddressWorks:
    user_id: int
    email: str


def address_works_url(user_id: int, email: str) -> str:
    """The link that proves an address gets our emails again; only for that address."""
    token = signing.dumps({"u": user_id, "e": email.lower()}, salt=ADDRESS_SALT)
    return _url_pattern("address_works_link", settings.SITE_URL).format(token)


def read_address_works(token: str) -> AddressWorks:
    try:
        data = signing.loads(token, salt=ADDRESS_SALT, max_age=ADDRESS_MAX_AGE)
        return AddressWorks(user_id=int(data["u"]), email=str(data["e"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadLink from error
