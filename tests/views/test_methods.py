"""Every page answers only the methods it serves: anything else is a 405, never a 200."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from optout import links
from tests.helpers import open_case

pytestmark = pytest.mark.django_db

#: Pages that only show something: GET and HEAD.
READ_ONLY = {
    "home",
    "privacy",
    "legal",
    "checker",
    "calculator",
    "dashboard",
    "case_detail",
    "account_export",
    "calendar_feed",
}


def every_pattern(resolver=None, namespace=""):
    """Every named URL of the site but the admin (ours and allauth's)."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":
                yield from every_pattern(entry)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry


def url_for(pattern, case, feed_token):
    values = {
        "case_id": case.pk,
        "person_id": case.person.pk,
        "kind": "call",
        "uidb36": "1",
        "key": "abc-def",
        "token": {
            "step_done_link": links.step_done_token(case.pk, "call"),
            "unsubscribe": links.unsubscribe_token(case.person.owner.pk),
        }.get(pattern.name, feed_token),
    }
    return reverse(pattern.name, kwargs={k: values[k] for k in pattern.pattern.regex.groupindex})


@pytest.fixture
def case(user):
    return open_case(user)


@pytest.mark.slow
def test_put_patch_delete_trace_and_options_are_refused_everywhere(client, user, case):
    from optout import services
    from tests.helpers import NOW

    feed = services.calendar_feed_regenerate(user=user, now=NOW)
    checked = []
    for signed_in in (False, True):
        if signed_in:
            client.force_login(user)
        for pattern in every_pattern():
            url = url_for(pattern, case, feed.token)
            for method in ("put", "patch", "delete", "trace", "options"):
                status = getattr(client, method)(url).status_code
                assert status == 405, (pattern.name, method, signed_in, status)
            checked.append(pattern.name)
    assert {"dashboard", "case_detail", "people", "account", "account_login", "account_email"} <= set(checked)


def test_read_only_pages_refuse_a_post(user_client, user, case):
    from optout import services
    from tests.helpers import NOW

    feed = services.calendar_feed_regenerate(user=user, now=NOW)
    for pattern in every_pattern():
        if pattern.name in READ_ONLY:
            url = url_for(pattern, case, feed.token)
            assert user_client.post(url).status_code == 405, pattern.name
            assert user_client.head(url).status_code == 200, pattern.name


@pytest.mark.parametrize("path", ["/healthz", "/metrics"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace", "options"])
def test_healthz_and_metrics_only_answer_get_and_head(client, settings, path, method):
    settings.METRICS_TOKEN = "m" * 24
    auth = {"HTTP_AUTHORIZATION": "Bearer " + settings.METRICS_TOKEN}

    response = getattr(client, method)(path, **auth)

    assert response.status_code == 405, (path, method)
    assert response["Allow"] == "GET, HEAD"
    assert client.get(path, **auth).status_code == 200
    assert client.head(path, **auth).status_code == 200
