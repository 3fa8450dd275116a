"""URLs that carry a secret token: malformed tokens never reach a view, the database or a log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from optout import links, services
from tests.helpers import NOW, open_case

pytestmark = pytest.mark.django_db

#: Every URL of ours with a token in its path, as a template for the token.
OUR_TOKEN_URLS = ["/fait/{}/", "/rappels/arret/{}/", "/calendrier/{}.ics"]
#: allauth's: the password-reset key and the email-confirmation key, at their French paths and at the
#: English ones that redirect there.
ALLAUTH_TOKEN_URLS = [
    "/compte/mot-de-passe/nouveau/1-{}/",
    "/compte/courriel/confirmation/{}/",
    "/compte/password/reset/key/1-{}/",
    "/compte/confirm-email/{}/",
]

MALFORMED = {
    "nul": "%00",
    "nul inside": "abcdefghijklmnopqrstuvwxyz%00abcdefghijklmnopqrstuvwxyz",
    "overlong": "A" * 5000,
    "non-ASCII": "%C3%A9t%C3%A9" * 8,
    "control": "abcdefghijklmnopqrstuvwx%0Aabcdefghijk",
    "space": "abcdefghijklmnop%20qrstuvwxyzabcdefghijk",
}


@pytest.mark.parametrize("token", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("url", OUR_TOKEN_URLS)
def test_a_malformed_token_is_a_404_without_any_query(client, url, token):
    for method in (client.get, client.post):
        with CaptureQueriesContext(connection) as queries:
            response = method(url.format(token))

        assert response.status_code == 404
        assert len(queries) == 0


@pytest.mark.parametrize("token", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("url", ALLAUTH_TOKEN_URLS)
def test_a_malformed_allauth_key_never_fails(client, url, token):
    response = client.get(url.format(token))

    assert response.status_code in (200, 301, 400, 404)  # allauth's own pages: "this link is invalid"


def test_well_formed_tokens_still_reach_their_pages(client, user):
    case = open_case(user)
    feed = services.calendar_feed_regenerate(user=user, now=NOW)

    assert client.get(links.step_done_url(case.pk, "call").removeprefix("http://testserver")).status_code == 200
    assert client.get(links.unsubscribe_url(user.pk).removeprefix("http://testserver")).status_code == 200
    assert client.get(reverse("calendar_feed", args=[feed.token])).status_code == 200
    assert client.get("/fait/not-a-real-token/").status_code == 400  # well formed, wrongly signed
    assert client.get("/calendrier/" + "a" * 43 + ".ics").status_code == 404  # well formed, unknown


def every_pattern(resolver=None, prefix=""):
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from every_pattern(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry


def test_the_log_rule_knows_every_url_with_a_token_or_key():
    from config.logging import has_token, redact

    secret = "Qx7SECRETvalue42-and-more-of-it"
    patterns = [p for p in every_pattern() if {"token", "key"} & set(p.pattern.regex.groupindex)]
    names = {p.name for p in patterns}

    assert {"step_done_link", "unsubscribe", "calendar_feed", "account_confirm_email"} <= names
    assert "account_reset_password_from_key" in names
    for pattern in patterns:
        kwargs = dict.fromkeys(pattern.pattern.regex.groupindex, secret)
        if "uidb36" in kwargs:
            kwargs["uidb36"] = "1"
        path = reverse(pattern.name, kwargs=kwargs)
        assert has_token(path), path
        assert secret not in redact(f'"GET {path} HTTP/1.1" "https://site.example{path}"'), path
