"""Security headers on every response — /healthz, a 400 for an unknown host and the HTTPS redirect
included — and no cache may keep a signed-in page or a page behind a secret link."""

import pytest
from django.test import Client
from django.urls import reverse

from optout import services
from tests.helpers import NOW, open_case

pytestmark = pytest.mark.django_db


def assert_security_headers(response, *, hsts=False):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin")
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert ("Strict-Transport-Security" in response) is hsts
    if hsts:
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.fixture
def production_https(settings):
    """What production turns on: the redirect to HTTPS and HSTS."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    return Client()  # a new client: its middleware reads these settings


def test_health_answers_with_the_headers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert_security_headers(response)
    assert response["X-Request-ID"]


def test_the_redirect_to_https_carries_the_headers(production_https):
    response = production_https.get("/confidentialite/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/confidentialite/"
    assert_security_headers(response)  # no HSTS over plain HTTP: browsers ignore it there


@pytest.mark.parametrize("secure", [False, True])
def test_an_unknown_host_gets_a_400_with_the_headers(production_https, secure):
    response = production_https.get("/", HTTP_HOST="evil.example.org", secure=secure)

    assert response.status_code == 400
    assert_security_headers(response, hsts=secure)


def test_https_pages_and_health_carry_hsts(production_https):
    for path in ["/", "/healthz", "/page-qui-n-existe-pas/"]:
        assert_security_headers(production_https.get(path, secure=True), hsts=True)


def test_signed_in_pages_are_never_kept_by_a_cache(user_client, user):
    case = open_case(user)
    services.calendar_feed_regenerate(user=user, now=NOW)
    pages = [
        reverse("dashboard"),
        reverse("case_detail", args=[case.pk]),
        reverse("people"),
        reverse("account"),
        reverse("calendar_settings"),
        reverse("account_export"),
        reverse("account_email"),
        reverse("account_delete"),
        reverse("home"),
    ]
    for page in pages:
        cache_control = user_client.get(page)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, page


def test_pages_behind_a_secret_link_are_never_kept_by_a_cache(client, user):
    feed = services.calendar_feed_regenerate(user=user, now=NOW)
    for path in [reverse("calendar_feed", args=[feed.token]), "/fait/abc/", "/compte/courriel/confirmation/abc/"]:
        response = client.get(path)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], path
        assert response["Referrer-Policy"] == "strict-origin"
    assert "no-store" not in Client().get("/").get("Cache-Control", "")  # public pages may be cached
