"""A case walked hour by hour across a last call day and the legal deadline: the dashboard, the
case page, the email that leaves then and the private calendar all give the one next action
(optout/actions.py) in the words meant for whoever acts, in both languages.

The letter: sent Monday 2 November 2026, received Friday 6 November. The advised day, Sunday
6 December, is a day the 3422 does not answer: call by 17:00 on Friday 4 December; the legal
deadline is Monday 14 December; the space opens Tuesday 15 December.
"""

from datetime import date, datetime

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from optout import services
from optout.actions import ActionKind, next_action
from optout.models import Reminder
from optout.vocabulary import Relation
from optout.wording import Who
from optout.wording.headline import headline
from reminders import emails
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case, plain, text

pytestmark = pytest.mark.django_db

SENT, RECEIVED = date(2026, 11, 2), date(2026, 11, 6)
OPENED = datetime(2026, 11, 9, 10, tzinfo=PARIS)

MOMENTS = [
    datetime(2026, 12, 4, 16, 59, tzinfo=PARIS),  # the last advised call day, a minute before the line closes
    datetime(2026, 12, 4, 17, 1, tzinfo=PARIS),  # …and a minute after
    datetime(2026, 12, 5, 10, tzinfo=PARIS),  # the Saturday before the advised Sunday
    datetime(2026, 12, 14, 16, 59, tzinfo=PARIS),  # the legal deadline, a Monday: the last call
    datetime(2026, 12, 14, 18, 15, tzinfo=PARIS),  # its evening: online only
    datetime(2026, 12, 15, 9, tzinfo=PARIS),  # the space opens
]

#: What would tell someone to call today after the line closed for good on the last day.
CALL_TODAY = {"fr": "appelez le 3422 aujourd'hui", "en": "call 3422 today"}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("relation", [Relation.SELF, Relation.CHILD, Relation.REPRESENTED, Relation.ADULT])
def test_every_surface_agrees_with_the_next_action_hour_by_hour(client, relation, language):
    user = UserFactory(language=language)
    label = "Moi" if relation == Relation.SELF else "Léa"
    case = open_case(user, label=label, relation=relation, now=OPENED, sent_on=SENT, received_on=RECEIVED)
    feed = services.calendar_feed_regenerate(user=user, now=OPENED)
    client.cookies["language"] = language
    who = Who(relation=relation, label=label)

    for moment in MOMENTS:
        with time_machine.travel(moment, tick=False):
            action = next_action(sent_on=SENT, received_on=RECEIVED, route="phone", now=moment)
            with translation.override(language):
                words = headline(action, who, moment.date())
            client.force_login(user)
            dashboard = text(client.get(reverse("dashboard")))
            page = text(client.get(reverse("case_detail", args=[case.pk])))
            subject, body, _html = emails.render_reminder(
                *emails.reminder_parts(Reminder(case=case, kind="lead-2", due_at=moment), now=timezone.now())
            )
            calendar = icalendar.Calendar.from_ical(client.get(reverse("calendar_feed", args=[feed.token])).content)

        instruction = plain(words.instruction)
        assert instruction in dashboard, (moment, instruction)
        assert instruction in page, (moment, instruction)
        assert plain(subject) == plain(words.subject), moment
        assert instruction in plain(body), moment
        days = sorted(event["DTSTART"].dt for event in calendar.walk("VEVENT"))
        if action.kind == ActionKind.CLOSE:
            assert days == []  # nothing left to do by a date
        else:
            assert days[0] == action.day, moment  # the calendar's next event is the action's own day
            assert plain(words.countdown) in dashboard
        if moment.hour >= 17:
            for surface in (dashboard, page, plain(subject), plain(body)):
                assert CALL_TODAY[language] not in surface.lower(), moment


def test_the_case_page_changes_at_17h_on_the_last_call_day_even_when_cached(client):
    user = UserFactory()
    case = open_case(user, now=OPENED, sent_on=SENT, received_on=RECEIVED)

    with time_machine.travel(MOMENTS[0], tick=False):
        client.force_login(user)
        before = text(client.get(reverse("case_detail", args=[case.pk])))
    with time_machine.travel(MOMENTS[1], tick=False):
        after = text(client.get(reverse("case_detail", args=[case.pk])))

    assert "Appelez le 3422 aujourd'hui, avant 17 h." in before
    assert "Appelez le 3422 au plus tard le lundi 14 décembre 2026, avant 17 h." in after
    assert "aujourd'hui, avant 17 h" not in after
