"""A child's 18th birthday month: stored as a month (never a day, never a date of birth), one reminder that month
on the child's latest case, its email for the parent with a word to pass on, the same words on the case page."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from optout import services
from optout.deadlines import PARIS
from optout.forms import PersonForm
from optout.models import Person
from reminders import dispatch
from tests.factories import UserFactory
from tests.helpers import NOW, open_case, plain, text

pytestmark = pytest.mark.django_db

DUE = datetime(2031, 2, 1, 9, tzinfo=PARIS)


def body(message, subtype="plain"):
    return plain(message.get_body(preferencelist=(subtype,)).get_content())


def test_the_form_asks_a_month_and_a_year_and_only_the_month_is_kept(user_client, user):
    response = user_client.post(
        reverse("people"),
        {"label": "Léa", "relation": "child", "adult_month_month": "2", "adult_month_year": "2031"},
    )
    form = text(user_client.get(reverse("people")))

    assert response.status_code == 302
    assert Person.objects.get().adult_month == date(2031, 2, 1)
    assert 'type="date"' not in form.split('id="add-title"')[1]  # no day is ever asked
    assert "18 ans en février 2031" in form
    export = user_client.get(reverse("account_export")).json()
    assert export["people"][0]["adult_month"] == "2031-02"


def test_a_day_cannot_be_stored():
    person = Person.objects.create(owner=UserFactory(), label="Léa", relation="child")
    person.adult_month = date(2031, 2, 14)

    with pytest.raises(IntegrityError):
        person.save()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"adult_month_month": "2"}, "Indiquez le mois et l'année, ou aucun des deux."),
        ({"adult_month_year": "2031"}, "Indiquez le mois et l'année, ou aucun des deux."),
    ],
)
def test_half_a_month_is_refused(data, error):
    form = PersonForm({"label": "Léa", "relation": "child", **data})

    assert not form.is_valid()
    assert error in plain(str(form.errors))


def test_only_a_childs_month_is_kept():
    form = PersonForm({"label": "Jeanne", "relation": "adult", "adult_month_month": "2", "adult_month_year": "2031"})

    assert form.is_valid()
    assert form.cleaned_data["adult_month"] is None


def test_the_reminder_is_on_the_childs_latest_case_only_and_follows_edits():
    lea = Person.objects.create(owner=UserFactory(), label="Léa", relation="child", adult_month=date(2031, 2, 1))
    first = open_case(person=lea, route="closure")
    second = open_case(person=lea, now=NOW + timedelta(minutes=1))

    def of_age(case):
        return case.reminders.filter(kind="of-age").values_list("status", "due_at").first()

    assert of_age(first)[0] == "cancelled"
    assert of_age(second) == ("pending", DUE)

    services.person_update(person=lea, label="Léa", relation="child", now=NOW, adult_month=date(2032, 6, 1))
    assert of_age(second) == ("pending", datetime(2032, 6, 1, 9, tzinfo=PARIS))

    services.person_update(person=lea, label="Léa", relation="adult", now=NOW, adult_month=date(2032, 6, 1))
    lea.refresh_from_db()
    assert lea.adult_month is None
    assert of_age(second)[0] == "cancelled"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_that_month_the_parent_gets_an_email_with_a_word_to_pass_on(smtp_server, language):
    user = UserFactory(language=language)
    lea = Person.objects.create(owner=user, label="Léa", relation="child", adult_month=date(2031, 2, 1))
    open_case(person=lea, route="closure")

    with time_machine.travel(DUE - timedelta(minutes=1), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 0
    with time_machine.travel(DUE + timedelta(seconds=5), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1

    [message] = smtp_server.messages
    subject, plain_part, html = plain(message["Subject"].strip()), body(message), body(message, "html")
    if language == "fr":
        assert subject == "Léa a 18 ans ce mois-ci : c'est désormais à Léa d'agir pour Mon espace santé"
        assert "Léa a 18 ans ce mois-ci." in plain_part
        assert "vous ne pouvez plus vous y opposer, ni le clôturer, à sa place" in plain_part
        assert "Un mot à transmettre à Léa :" in plain_part
        assert "Vous avez 18 ans : Mon espace santé, c'est désormais votre choix." in plain_part
        assert "« un autre adulte du foyer »" in plain_part
    else:
        assert subject == "Léa turns 18 this month: from now on, Léa decides about Mon espace santé"
        assert "A word to pass on to Léa:" in plain_part
        assert "You are 18: Mon espace santé is now your choice." in plain_part
    assert f"/suivi/personnes/{lea.pk}/modifier/" in plain_part and f"/suivi/personnes/{lea.pk}/modifier/" in html
    assert "/fait/" not in plain_part  # nothing to tick


def test_the_case_page_says_it_from_that_month(client):
    user = UserFactory()
    lea = Person.objects.create(owner=user, label="Léa", relation="child", adult_month=date(2026, 3, 1))
    case = open_case(person=lea)
    client.force_login(user)

    with time_machine.travel(NOW, tick=False):  # Monday 2 March 2026
        this_month = text(client.get(reverse("case_detail", args=[case.pk])))
        services.person_update(person=lea, label="Léa", relation="child", now=NOW, adult_month=date(2026, 4, 1))
        before = text(client.get(reverse("case_detail", args=[case.pk])))

    assert "Léa a 18 ans ce mois-ci." in this_month
    assert "Un mot à transmettre à Léa :" in this_month
    assert "Un mot à transmettre" not in before


def test_a_childs_case_without_the_month_offers_to_give_it(client):
    user = UserFactory()
    lea = Person.objects.create(owner=user, label="Léa", relation="child")
    case = open_case(person=lea)
    mine = open_case(user=user)
    client.force_login(user)

    with time_machine.travel(NOW, tick=False):
        page = text(client.get(reverse("case_detail", args=[case.pk])))
        own = text(client.get(reverse("case_detail", args=[mine.pk])))

    assert "Le mois et l'année de ses 18 ans, sans le jour : ce mois-là, nous vous écrirons" in page
    assert f'href="/suivi/personnes/{lea.pk}/modifier/">Indiquer le mois de ses 18 ans</a>' in page
    assert "Indiquer le mois de ses 18 ans" not in own
