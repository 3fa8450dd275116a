"""Two requests making two people « moi-même » at the same moment: one wins, the other gets a form error.

On real PostgreSQL with two connections: the first request's transaction holds
its « moi-même » uncommitted until the second one is waiting on the unique index
behind it (seen in pg_stat_activity), so both pass the "already myself?" check
before either writes — the race, every time.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.urls import reverse

from optout import services
from optout.models import Person
from tests.factories import PersonFactory, UserFactory
from tests.helpers import NOW, text

pytestmark = pytest.mark.django_db(transaction=True)


def waiting_on_a_lock() -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


class FirstRequest(threading.Thread):
    """Makes `person` « moi-même » in a transaction held open until another write waits behind it."""

    def __init__(self, write):
        super().__init__()
        self.write, self.holding, self.error = write, threading.Event(), None

    def run(self):
        try:
            with transaction.atomic():
                self.write()
                self.holding.set()
                deadline = time.monotonic() + 20
                while not waiting_on_a_lock() and time.monotonic() < deadline:
                    time.sleep(0.02)
                time.sleep(0.1)
        except Exception as error:  # pragma: no cover - reported by the test
            self.error = error
        finally:
            self.holding.set()
            connection.close()


def race(first_write, second_write):
    first = FirstRequest(first_write)
    first.start()
    first.holding.wait(10)
    try:
        return second_write()
    finally:
        first.join(30)
        assert first.error is None


@pytest.fixture
def owner():
    return UserFactory()


def make_myself(owner, how):
    """A write that makes someone of `owner` « moi-même »: a new person, or Léa or Tom changed."""
    if how == "create":
        return lambda: services.person_create(owner=owner, label="Moi", relation="self")
    person = Person.objects.get(owner=owner, label=how)
    return lambda: services.person_update(person=person, label=how, relation="self", now=NOW)


@pytest.mark.parametrize(
    ("first", "second"), [("Léa", "Tom"), ("create", "Tom"), ("Léa", "create"), ("create", "create")]
)
def test_two_people_made_myself_at_once_by_the_services_one_is_refused(owner, first, second):
    PersonFactory(owner=owner, label="Léa", relation="child")
    PersonFactory(owner=owner, label="Tom", relation="child")

    with pytest.raises(ValidationError, match=r"déjà «.{0,6}moi-même|déjà dans votre suivi"):
        race(make_myself(owner, first), make_myself(owner, second))

    assert list(owner.people.filter(relation="self").values_list("label", flat=True)) == [
        "Moi" if first == "create" else first
    ]


@pytest.mark.parametrize("view", ["people", "person_edit"])
def test_two_requests_making_myself_at_once_get_a_form_error_never_a_500(client, owner, view):
    lea = PersonFactory(owner=owner, label="Léa", relation="child")
    tom = PersonFactory(owner=owner, label="Tom", relation="child")
    client.force_login(owner)
    url = reverse("people") if view == "people" else reverse("person_edit", args=[tom.pk])
    data = {"label": "Moi" if view == "people" else "Tom", "relation": "self"}

    response = race(
        lambda: services.person_update(person=lea, label="Léa", relation="self", now=NOW),
        lambda: client.post(url, data),
    )

    assert response.status_code == 200
    assert "moi-même" in text(response) or "Vous figurez déjà" in text(response)
    assert 'value="' + data["label"] + '"' in response.content.decode()  # the form, as typed
    assert list(owner.people.filter(relation="self").values_list("label", flat=True)) == ["Léa"]
