"""Every view reaches objects through the signed-in user: another user's ids answer 404."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers import open_case, our_url_patterns

pytestmark = pytest.mark.django_db


def patterns_with_ids():
    """Every named URL of ours that takes an object id."""
    for entry in our_url_patterns():
        if "_id>" in str(entry.pattern):
            yield entry.name, entry.pattern.converters


def kwargs_for(name, case):
    values = {"case_id": case.pk, "person_id": case.person.pk, "kind": "call"}
    resolver = dict(patterns_with_ids())
    return {key: values[key] for key in resolver[name]}


OUR_VIEWS_WITH_IDS = sorted(name for name, _ in patterns_with_ids())


def test_the_walk_finds_our_views():
    assert {
        "case_detail",
        "case_route",
        "call_create",
        "step_update",
        "person_edit",
        "person_delete",
        "case_new_for",
    } <= set(OUR_VIEWS_WITH_IDS)


@pytest.mark.slow
@pytest.mark.parametrize("name", OUR_VIEWS_WITH_IDS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_users_ids_answer_404(client, name, method):
    owner, intruder = UserFactory(), UserFactory()
    case = open_case(owner)
    client.force_login(intruder)

    response = getattr(client, method)(
        reverse(name, kwargs=kwargs_for(name, case)), {"route": "closure", "action": "done"}
    )

    assert response.status_code in (404, 405)
    case.refresh_from_db()
    assert (case.route, case.status) == ("phone", "open")
    assert not case.steps.filter(done_at__isnull=False).exists()
    if method == "get":
        assert response.status_code == 404 or name in {"case_route", "call_create", "step_update"}
