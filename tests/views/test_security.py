"""Headers, CSRF, redirects, the admin and the logs: what an attacker would try first."""

import logging
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from config.logging import RedactSecrets
from optout import links
from tests.factories import PASSWORD, UserFactory
from tests.helpers import open_case, our_url_patterns, text

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def url_for(pattern, case):
    values = {
        "case_id": case.pk,
        "person_id": case.person.pk,
        "kind": "call",
        "token": {
            "step_done_link": links.step_done_token(case.pk, "call"),
            "unsubscribe": links.unsubscribe_token(case.person.owner.pk),
        }.get(pattern.name, "A" * 43),
    }
    return reverse(pattern.name, kwargs={k: values[k] for k in pattern.pattern.converters})


@pytest.fixture
def case(user):
    return open_case(user)


PAGES_ANONYMOUS = ["home", "account_login", "account_signup", "account_reset_password", "privacy", "legal", "checker"]
PAGES_SIGNED_IN = [
    "dashboard",
    "account",
    "people",
    "case_new",
    "account_email",
    "account_change_password",
    "account_delete",
]


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_has_the_headers_and_no_inline_script_or_style(client, user, case, language):
    client.cookies["language"] = language
    responses = [(name, client.get(reverse(name))) for name in PAGES_ANONYMOUS]
    client.force_login(user)
    pages = [reverse(name) for name in PAGES_SIGNED_IN]
    pages += [reverse("case_detail", args=[case.pk]), reverse("case_new_for", args=[case.person.pk])]
    pages += [reverse("person_edit", args=[case.person.pk]), reverse("case_delete", args=[case.pk])]
    responses += [(page, client.get(page)) for page in pages]
    responses.append(("calculator result", client.get(reverse("calculator"), {"received_on": "2026-02-24"})))

    for page, response in responses:
        assert response.status_code == 200, page
        csp = response["Content-Security-Policy"]
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]:
            assert directive in csp, (page, directive)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), page
        assert " style=" not in html and "<style" not in html, page


@pytest.mark.parametrize("method", ["post"])
def test_csrf_is_enforced_on_every_post_except_the_one_click_unsubscribe(user, case, method):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    checked = []
    for pattern in our_url_patterns():
        url = url_for(pattern, case)
        response = client.post(url, {"action": "done", "route": "closure", "language": "en"})
        if pattern.name == "unsubscribe":
            assert response.status_code == 200
        elif pattern.name.startswith("webhook_"):
            # Mail providers post without cookies: the webhook secret (basic auth) guards them instead.
            assert response.status_code in (400, 401, 404), (pattern.name, response.status_code)
        else:
            assert response.status_code in (403, 405), (pattern.name, response.status_code)
        checked.append(pattern.name)
    for name in ["account_login", "account_signup", "account_logout", "set_language"]:
        assert Client(enforce_csrf_checks=True).post(reverse(name), {}).status_code == 403, name
    assert {"step_update", "call_create", "case_route", "account_delete", "people", "step_done_link"} <= set(checked)


@pytest.mark.parametrize("target", ["https://evil.example.org/", "//evil.example.org/", "http:evil.example.org"])
def test_next_pointing_to_another_site_is_refused(client, user, target):
    login = client.post(f"{reverse('account_login')}?next={target}", {"login": user.email, "password": PASSWORD})
    assert "evil" not in login["Location"]

    switch = client.post(reverse("set_language"), {"language": "en", "next": target})
    assert "evil" not in switch["Location"]


def test_cookies_are_http_only_and_secure_in_production(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.cookies[settings.SESSION_COOKIE_NAME]["httponly"]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies["language"]["httponly"]
    assert client.cookies[settings.CSRF_COOKIE_NAME]["httponly"]


def test_the_admin_is_at_its_own_address_for_staff_only_behind_the_rate_limited_login(client, user, case):
    admin_url = "/" + settings.ADMIN_URL
    assert admin_url != "/admin/"
    assert client.get("/admin/").status_code == 404

    anonymous = client.get(admin_url, follow=True)
    assert anonymous.redirect_chain[-1][0].startswith(reverse("account_login"))  # allauth's login: rate-limited

    client.force_login(user)
    assert client.get(admin_url, follow=True).status_code == 403

    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    for page in [
        admin_url,
        f"{admin_url}optout/case/",
        f"{admin_url}optout/reminder/",
        f"{admin_url}optout/person/",
        f"{admin_url}optout/case/{case.pk}/change/",
    ]:
        response = client.get(page)
        assert response.status_code == 200, page


def test_the_admin_never_shows_peoples_notes(client, user, case):
    from optout import services
    from tests.helpers import NOW

    services.step_mark_done(case=case, kind="prepare_call", now=NOW, note="ma note très privée")
    services.call_log(case=case, outcome="no_answer", note="appel privé", now=NOW)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    for page in ["optout/case/", f"optout/case/{case.pk}/change/", "optout/person/", "optout/reminder/"]:
        html = text(client.get("/" + settings.ADMIN_URL + page))
        assert "ma note très privée" not in html and "appel privé" not in html


def test_logs_never_carry_the_signed_tokens_of_links(client, case):
    token = links.step_done_token(case.pk, "call")
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Bad Request: %s", (f"/fait/{token}x/",), None
    )

    RedactSecrets().filter(record)

    assert token not in record.getMessage()
    assert "/fait/[redacted]" in record.getMessage()
    for handler in settings.LOGGING["handlers"].values():
        assert "redact" in handler.get("filters", [])
