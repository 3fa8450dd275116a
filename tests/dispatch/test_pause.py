"""Emails that leave late tell the truth when they leave: after three days without sending (a worker
stopped), every email the dispatcher then sends says what is true that day, with no empty date and no
« today » for a day gone by; a case with several reminders due at once gets one."""

import re
from collections import Counter
from datetime import date, datetime

import pytest
import time_machine
from django.utils import translation

from optout.actions import next_action
from optout.models import Reminder
from optout.wording import Who
from optout.wording.headline import headline
from reminders import dispatch
from reminders.shape import is_action_reminder
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case, plain

pytestmark = pytest.mark.django_db

OPENED = datetime(2026, 11, 10, 10, tzinfo=PARIS)
LETTERS = {
    "Moi": ("self", "phone", date(2026, 11, 2)),
    "Léa": ("child", "phone", date(2026, 11, 3)),
    "Jeanne": ("adult", "online", date(2026, 11, 2)),
}
RECEIVED = date(2026, 11, 6)
#: What an email must never hold: an empty date between words, a placeholder left over.
EMPTY = re.compile(r"\b(?:le|the|on|by|du|au)\s*[,.:;]|,\s*,|\{\{|%\(|\ue000")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("paused_from", "back_at"),
    [
        # Over the seven-days reminders (Friday 27 and Sunday 29 November) and a weekend.
        (datetime(2026, 11, 27, 8, tzinfo=PARIS), datetime(2026, 11, 30, 10, tzinfo=PARIS)),
        # Over the last advised call day (Friday 4 December) and the late phase's first morning.
        (datetime(2026, 12, 3, 8, tzinfo=PARIS), datetime(2026, 12, 7, 10, tzinfo=PARIS)),
        # Over the legal deadline and the space's opening.
        (datetime(2026, 12, 13, 8, tzinfo=PARIS), datetime(2026, 12, 16, 10, tzinfo=PARIS)),
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_after_a_pause_every_email_reads_true_the_day_it_leaves(mailoutbox, paused_from, back_at, language):
    user = UserFactory(language=language)
    cases = {
        label: open_case(
            user, label=label, relation=relation, route=route, now=OPENED, sent_on=sent, received_on=RECEIVED
        )
        for label, (relation, route, sent) in LETTERS.items()
    }
    with time_machine.travel(paused_from, tick=False):
        dispatch.dispatch_due(clock=lambda: paused_from)  # everything due before the pause is sent
    mailoutbox.clear()
    due = Reminder.objects.filter(status="pending", due_at__lte=back_at).count()
    assert due >= 2  # the pause did hold reminders back

    with time_machine.travel(back_at, tick=False):
        dispatch.dispatch_due(clock=lambda: back_at)

    assert mailoutbox, "nothing was sent after the pause"
    sent_to = [re.search(r"/suivi/demarches/(\d+)/", message.body).group(1) for message in mailoutbox]
    assert len(sent_to) == len(set(sent_to)), "one case got two emails saying the same thing"
    by_case = {str(case.pk): (label, case) for label, case in cases.items()}
    for message in mailoutbox:
        label, case = by_case[re.search(r"/suivi/demarches/(\d+)/", message.body).group(1)]
        relation, _route, sent = LETTERS[label]
        action = next_action(sent_on=sent, received_on=RECEIVED, route=case.route, now=back_at)
        with translation.override(language):
            expected = headline(action, Who(relation=relation, label=label), back_at.date())
        words = plain(message.subject + "\n" + message.body)
        assert plain(message.subject) == plain(expected.subject), (label, message.subject)
        assert not EMPTY.search(words), (label, EMPTY.search(words).group(0), words)
        if "aujourd'hui" in words.lower() or "today" in words.lower():
            assert action.day == back_at.date() or action.space_opens_on == back_at.date(), (label, words)


@pytest.mark.parametrize("batch_size", [1, 2])
def test_a_case_gets_one_email_even_when_its_reminders_due_at_once_fall_in_different_batches(mailoutbox, batch_size):
    # After a pause longer than a batch can hold (here a batch of one or two), a case's reminders due
    # at once are claimed in different batches: the earlier ones give way to its latest, sent alone.
    paused_from, back_at = datetime(2026, 12, 3, 8, tzinfo=PARIS), datetime(2026, 12, 7, 10, tzinfo=PARIS)
    user = UserFactory(language="fr")
    for label, (relation, route, sent) in LETTERS.items():
        open_case(user, label=label, relation=relation, route=route, now=OPENED, sent_on=sent, received_on=RECEIVED)
    with time_machine.travel(paused_from, tick=False):
        dispatch.dispatch_due(clock=lambda: paused_from)
    mailoutbox.clear()
    due = Reminder.objects.filter(status="pending", due_at__lte=back_at).values_list("case_id", "kind")
    waiting = Counter(case_id for case_id, kind in due if is_action_reminder(kind))
    assert max(waiting.values()) >= 2  # a case does have several due at once

    with time_machine.travel(back_at, tick=False):
        dispatch.dispatch_due(clock=lambda: back_at, batch_size=batch_size)

    sent_to = [int(re.search(r"/suivi/demarches/(\d+)/", message.body).group(1)) for message in mailoutbox]
    assert sorted(sent_to) == sorted(waiting), "each case waiting for its reminders gets one email, no more"
    assert not Reminder.objects.filter(status="pending", due_at__lte=back_at).exists()  # nothing left behind
