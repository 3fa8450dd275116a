"""« Pouvez-vous téléphoner ? » No: for every person kind, across the phases, no page or email sends
whoever acts to the phone; the written request's last day leaves the caisse its month to answer, or
the page says it no longer can.

The letter: sent Tuesday 27 October 2026, received Wednesday 28 October. Act by Saturday 28
November; legal deadline Tuesday 8 December; the space opens Wednesday 9 December. A written
request received by Sunday 8 November is answered by Tuesday 8 December (one month).
"""

import re
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from optout import deadlines, services
from optout.models import Reminder
from optout.vocabulary import Relation, Route, StepKind
from reminders import dispatch, emails
from tests.factories import PersonFactory, UserFactory
from tests.helpers import PARIS, letter, plain, text

pytestmark = pytest.mark.django_db

SENT, RECEIVED = date(2026, 10, 27), date(2026, 10, 28)
OPENED = datetime(2026, 10, 29, 10, tzinfo=PARIS)
LAST_REQUEST_DAY = date(2026, 11, 8)
EVERY_KIND = [Relation.SELF, Relation.CHILD, Relation.REPRESENTED, Relation.ADULT, Relation.HELPED]
#: Days on which every page is read: the safe phase with the written request still in time and after it, the
#: last days before act-by, the late phase, the legal deadline and the morning the space opens.
PAGE_DAYS = [
    date(2026, 10, 29),
    date(2026, 11, 8),
    date(2026, 11, 9),
    date(2026, 11, 27),
    date(2026, 11, 28),
    date(2026, 12, 1),
    date(2026, 12, 8),
    date(2026, 12, 9),
]
#: What would send someone to the phone, in either language.
TO_THE_PHONE = re.compile(r"3422|\b(appelez|appeler|appelle|rappelez|rappeler|call|calls|calling|phone the)\b", re.I)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


#: Sentences that name the phone without sending anyone to it: the letter page's opening, for everyone.
NOT_AN_INSTRUCTION = (
    "Si vous ne pouvez ni appeler le 3422 ni utiliser monespacesante.fr",
    "If you can neither call 3422 nor use monespacesante.fr",
)


def phone_words(surface: str) -> list[str]:
    """Each word of `surface` that sends someone to the phone (HTML tags dropped, whitespace folded)."""
    words = re.sub(r"\s+", " ", plain(re.sub(r"<[^>]+>", " ", surface)))
    for sentence in NOT_AN_INSTRUCTION:
        words = words.replace(sentence, "")
    return [match.group(0) for match in TO_THE_PHONE.finditer(words)]


def no_phone_person(user, relation):
    label = "Moi" if relation == Relation.SELF else "Jeanne"
    return PersonFactory(owner=user, label=label, relation=relation, can_call=False)


def pages_of(client, case, day):
    """Every page a person reads about the case on `day`, by name."""
    urls = {
        "dashboard": reverse("dashboard"),
        "case page": reverse("case_detail", args=[case.pk]),
        "case sheet": reverse("case_sheet", args=[case.pk]),
        "letter to the caisse": reverse("case_request_letter", args=[case.pk]),
    }
    if case.person.relation in (Relation.ADULT, Relation.HELPED):
        urls["large-print sheet"] = reverse("case_together_sheet", args=[case.pk])
    read = {}
    with time_machine.travel(at(day), tick=False):
        services.cases_move_missed_windows(now=at(day))
        client.force_login(case.person.owner)
        for name, url in urls.items():
            response = client.get(url)
            if response.status_code == 404 and name == "large-print sheet":
                continue  # nothing left to do together
            assert response.status_code == 200, (name, day)
            read[name] = text(response)
    return read


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("relation", EVERY_KIND)
@pytest.mark.slow
def test_someone_who_cannot_phone_is_never_told_to_call_on_any_page_or_email(client, mailoutbox, relation, language):
    user = UserFactory(language=language)
    person = no_phone_person(user, relation)
    case = services.case_open(
        person=person, route=Route.ONLINE, letter=letter(SENT, RECEIVED), now=OPENED
    )  # no code in the letter
    feed = services.calendar_feed_regenerate(user=user, now=OPENED)
    client.cookies["language"] = language

    day = OPENED.date()
    while day <= date(2026, 12, 10):
        for moment in (at(day, 8, 31), at(day, 9, 1), at(day, 18)):
            with time_machine.travel(moment, tick=False):
                dispatch.dispatch_due(clock=timezone.now)
        if day in PAGE_DAYS:
            for name, page in pages_of(client, case, day).items():
                assert phone_words(page) == [], (name, day)
            with time_machine.travel(at(day), tick=False):
                calendar = client.get(reverse("calendar_feed", args=[feed.token])).content.decode()
            assert phone_words(icalendar.Calendar.from_ical(calendar).to_ical().decode()) == [], day
        day += timedelta(days=1)

    assert len(mailoutbox) >= 6  # the reminders still come, in words for the web and the post
    for message in mailoutbox:
        assert phone_words(message.subject) == [], message.subject
        assert phone_words(message.body) == [], (message.subject, message.body)
        assert phone_words(message.alternatives[0].content) == [], message.subject


@pytest.mark.parametrize("relation", EVERY_KIND)
def test_the_route_page_of_a_new_case_offers_no_phone(client, relation):
    user = UserFactory()
    person = no_phone_person(user, relation)
    with time_machine.travel(OPENED, tick=False):
        client.force_login(user)
        page = text(
            client.post(
                reverse("case_new_for", args=[person.pk]),
                {"situation": "letter", "channel": "post", "sent_on": SENT, "received_on": RECEIVED, "departement": ""},
            )
        )

    assert "Étape 3 sur 3" in page
    assert 'value="phone"' not in page and 'value="online"' in page
    assert phone_words(page) == []
    assert (
        "Demandez-en un nouveau sur monespacesante.fr dès aujourd'hui" in page or "peut en demander un nouveau" in page
    )


def test_closure_emails_and_pages_after_the_request_say_to_write_not_to_call(client, mailoutbox):
    user = UserFactory()
    person = no_phone_person(user, Relation.HELPED)
    case = services.case_open(person=person, route=Route.CLOSURE, letter=None, now=OPENED)
    services.step_mark_done(case=case, kind=StepKind.CODE_RECEIVED, now=OPENED)
    services.step_mark_done(case=case, kind=StepKind.CLOSE_SPACE, now=OPENED)
    due = Reminder.objects.get(case=case, kind="closure-confirmation").due_at

    with time_machine.travel(due + timedelta(days=1), tick=False):
        dispatch.dispatch_due(clock=lambda: due + timedelta(minutes=1))
        client.force_login(user)
        page = text(client.get(reverse("case_detail", args=[case.pk])))

    [message] = mailoutbox
    assert "Jeanne peut écrire à sa caisse pour savoir où en est sa demande." in plain(message.body)
    assert "Si rien n'arrive, Jeanne peut écrire à sa caisse." in page
    assert "écrivez à votre caisse pour savoir où en est la demande" in page
    for surface in (message.subject, message.body, page):
        assert phone_words(surface) == []


@pytest.mark.parametrize(
    ("day", "says"),
    [
        pytest.param(
            date(2026, 10, 29),
            "L'autre voie : une demande écrite à la caisse, qui doit la recevoir au plus tard le dimanche 8 novembre "
            "2026 ; sa réponse, due un mois après, arrivera ainsi d'ici le mardi 8 décembre 2026.",
            id="in-time",
        ),
        pytest.param(
            date(2026, 11, 9),
            "Une demande écrite à la caisse n'aurait plus sa réponse à temps : la caisse a un mois pour répondre.",
            id="too-late",
        ),
    ],
)
def test_the_written_requests_last_day_leaves_the_caisse_a_month_or_the_page_says_it_cannot(client, day, says):
    user = UserFactory()
    case = services.case_open(
        person=no_phone_person(user, Relation.SELF), route=Route.ONLINE, letter=letter(SENT, RECEIVED), now=OPENED
    )
    with time_machine.travel(at(day), tick=False):
        client.force_login(user)
        page = text(client.get(reverse("case_detail", args=[case.pk])))
        letter_page = text(client.get(reverse("case_request_letter", args=[case.pk])))

    assert says in page
    # Received on the last day, the answer is due by the legal deadline; a day later, it would not be.
    assert deadlines.answer_due(LAST_REQUEST_DAY, LAST_REQUEST_DAY) <= date(2026, 12, 8)
    assert deadlines.answer_due(LAST_REQUEST_DAY + timedelta(days=1), LAST_REQUEST_DAY + timedelta(days=1)) > date(
        2026, 12, 8
    )
    if day <= LAST_REQUEST_DAY:
        assert "elle doit recevoir la lettre au plus tard le dimanche 8 novembre 2026" in letter_page
    else:
        assert "sa réponse n'arriverait plus avant la fin du délai légal, le mardi 8 décembre 2026" in letter_page


def test_saying_no_to_the_phone_moves_a_phone_case_online_and_its_emails_follow(client):
    user = UserFactory()
    person = PersonFactory(owner=user, label="Jeanne", relation=Relation.HELPED)
    case = services.case_open(person=person, route=Route.PHONE, letter=letter(SENT, RECEIVED), now=OPENED)
    before = {r.kind: r.due_at for r in case.reminders.filter(status="pending")}

    with time_machine.travel(OPENED, tick=False):
        client.force_login(user)
        response = client.post(
            reverse("person_edit", args=[person.pk]),
            {"label": "Jeanne", "relation": Relation.HELPED, "can_call": "False"},
        )
        assert response.status_code == 302
        page = text(client.get(reverse("case_detail", args=[case.pk])))

    case.refresh_from_db()
    assert case.route == Route.ONLINE
    after = {r.kind: r.due_at for r in case.reminders.filter(status="pending")}
    # The last reminder before act-by no longer waits for a day the 3422 answers: the morning of act-by itself.
    assert before["last-call"].astimezone(PARIS).date() == date(2026, 11, 27)
    assert after["last-call"] == at(date(2026, 11, 28), 9)
    assert after["late-last-call"] == at(date(2026, 12, 8), 9)
    assert "Vous avez indiqué que Jeanne ne peut pas téléphoner" in page
    assert phone_words(page.split("Ce qui s'est passé")[0]) == []  # the timeline keeps the route it had
    reminder = Reminder(case=case, kind="lead-7", due_at=after["lead-7"])
    with time_machine.travel(after["lead-7"], tick=False), translation.override("fr"):
        subject, body, _html = emails.render_reminder(*emails.reminder_parts(reminder, now=timezone.now()))
    assert plain(subject).startswith("J-7 pour Jeanne : refuser en ligne sur monespacesante.fr")
    assert phone_words(subject + body) == []
