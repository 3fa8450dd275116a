"""The dashboard and case page are cached per person; never stale, never with someone else's token."""

import re
from datetime import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from optout import page_cache, services
from tests.helpers import NOW, PARIS, open_case, text

pytestmark = pytest.mark.django_db


def test_a_change_shows_at_once_on_cached_pages(user_client, user):
    case = open_case(user)
    assert "0 étape faite sur 3" in text(user_client.get(reverse("dashboard")))
    assert cache.get(page_cache.key(user.pk, "dashboard")) is not None

    services.step_mark_done(case=case, kind="prepare_call", now=NOW)

    assert "1 étape faite sur 3" in text(user_client.get(reverse("dashboard")))
    assert "Fait le" in text(user_client.get(reverse("case_detail", args=[case.pk])))


def test_the_countdown_moves_with_the_day_even_when_cached(user_client, user):
    open_case(user)
    assert "J-22" in text(user_client.get(reverse("dashboard")))

    with time_machine.travel(datetime(2026, 3, 3, 10, 0, tzinfo=PARIS), tick=False):
        assert "J-21" in text(user_client.get(reverse("dashboard")))


def test_each_browser_gets_its_own_csrf_token_from_the_cached_case_page(user):
    case = open_case(user)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(user)
    second.force_login(user)
    first.get(reverse("case_detail", args=[case.pk]))  # fills the cache

    page = second.get(reverse("case_detail", args=[case.pk])).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = second.post(
        reverse("step_update", args=[case.pk, "prepare_call"]), {"csrfmiddlewaretoken": token, "action": "done"}
    )

    assert response.status_code == 302
    assert "@@" not in page


def test_the_line_status_is_computed_for_each_request(user_client, user):
    case = open_case(user)
    assert "La ligne est ouverte en ce moment." in text(user_client.get(reverse("case_detail", args=[case.pk])))

    with time_machine.travel(datetime(2026, 3, 2, 19, 0, tzinfo=PARIS), tick=False):
        assert "La ligne est fermée en ce moment." in text(user_client.get(reverse("case_detail", args=[case.pk])))


def test_a_cached_case_page_is_never_shown_to_someone_else(client, user):
    from tests.factories import UserFactory

    case = open_case(user)
    client.force_login(user)
    client.get(reverse("case_detail", args=[case.pk]))
    client.force_login(UserFactory())

    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 404


def test_account_deletion_forgets_the_cached_pages(user_client, user):
    case = open_case(user)
    user_client.get(reverse("dashboard"))
    user_client.get(reverse("case_detail", args=[case.pk]))

    services.account_delete(user=user, now=NOW)

    assert cache.get(page_cache.key(user.pk, "dashboard")) is None
    assert cache.get(page_cache.key(user.pk, f"case:{case.pk}")) is None


def cached_texts() -> str:
    """Everything the page cache holds in Redis, as text."""
    client = cache._cache.get_client()
    return " ".join(client.get(k).decode("utf-8", "replace") for k in client.scan_iter(match=cache.make_key("page:*")))


def test_deleting_a_case_forgets_its_cached_page_and_the_dashboard(user_client, user):
    case = open_case(user, label="Léonie Martin", relation="child")
    services.step_mark_done(case=case, kind="prepare_call", now=NOW, note="rappeler mardi, bureau 12")
    user_client.get(reverse("dashboard"))
    user_client.get(reverse("case_detail", args=[case.pk]))
    assert "Léonie Martin" in cached_texts() and "rappeler mardi, bureau 12" in cached_texts()

    assert user_client.post(reverse("case_delete", args=[case.pk])).status_code == 302

    assert "Léonie" not in cached_texts() and "rappeler mardi, bureau 12" not in cached_texts()


def test_deleting_a_person_forgets_the_cached_pages_of_their_cases(user_client, user):
    case = open_case(user, label="Léonie Martin", relation="child")
    user_client.get(reverse("case_detail", args=[case.pk]))
    user_client.get(reverse("dashboard"))

    assert user_client.post(reverse("person_delete", args=[case.person.pk])).status_code == 302

    assert "Léonie" not in cached_texts()


def test_account_deletion_also_forgets_pages_of_cases_deleted_before(user_client, user):
    kept, deleted = open_case(user, label="Moi"), open_case(user, label="Léonie Martin", relation="child")
    user_client.get(reverse("case_detail", args=[deleted.pk]))
    cache.set(page_cache.key(user.pk, f"case:{deleted.pk}"), {"stamp": [], "parts": {"html": "Léonie"}})
    deleted.delete()  # as an older version left it: the case gone, its page still cached
    user_client.get(reverse("case_detail", args=[kept.pk]))

    services.account_delete(user=user, now=NOW)

    assert cached_texts() == ""
