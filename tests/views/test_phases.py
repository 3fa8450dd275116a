"""Every day of a case tells the truth: safe, late (act-by passed, the legal deadline not), missed.

The letter is the issue's: sent Tuesday 27 October 2026, received Wednesday 28 October.
Act by Saturday 28 November (one month after receipt); legal deadline Tuesday 8 December
(six weeks after sending); the space opens Wednesday 9 December.
"""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from optout import services
from reminders import dispatch
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case, plain, text

SENT, RECEIVED = date(2026, 10, 27), date(2026, 10, 28)
OPENED = datetime(2026, 11, 10, 10, tzinfo=PARIS)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def pages(client, case, moment):
    with time_machine.travel(moment, tick=False):
        services.cases_move_missed_windows(now=moment)
        client.force_login(case.person.owner)
        return (
            text(client.get(reverse("dashboard"))),
            text(client.get(reverse("case_detail", args=[case.pk]))),
        )


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "route", "relation", "language", "dashboard_says", "case_page_says"),
    [
        pytest.param(
            date(2026, 11, 16),
            "phone",
            "self",
            "fr",
            ["J-11", "Appelez le 3422 au plus tard le vendredi 27 novembre 2026, avant 17 h."],
            [
                "<strong>Appelez le 3422 au plus tard le vendredi 27 novembre 2026, avant 17 h.</strong>",
                "Le dernier jour conseillé tombe le samedi 28 novembre 2026 : le 3422 ne répond pas le week-end.",
                "vous pouvez aussi refuser en ligne jusqu'au samedi 28 novembre 2026, à 23 h 59.",
            ],
            id="safe-phone-self-fr",
        ),
        pytest.param(
            date(2026, 11, 16),
            "online",
            "child",
            "en",
            ["12 days left", "Léa"],
            [
                "Refuse online for Léa on monespacesante.fr by Saturday 28 November 2026, 11:59 pm, with their "
                "provisional code.",
                "You, as the parent, take the steps for Léa.",
                "The social security number shown on Léa's letter (15 characters)",
            ],
            id="safe-online-child-en",
        ),
        pytest.param(
            date(2026, 11, 29),
            "phone",
            "child",
            "fr",
            ["J-9", "Appelez le 3422 pour Léa au plus tard le mardi 8 décembre 2026, avant 17 h."],
            [
                "Dernier jour pour s'opposer",
                "Le dernier jour conseillé, le samedi 28 novembre 2026, est passé.",
                "<strong>Appelez le 3422 pour Léa au plus tard le mardi 8 décembre 2026, avant 17 h.</strong>",
                "C'est vous, son parent, qui faites la démarche pour Léa.",
                "Dites que vous appelez pour votre enfant, Léa",
            ],
            id="late-phone-child-fr",
        ),
        pytest.param(
            date(2026, 12, 1),
            "online",
            "represented",
            "en",
            ["7 days left", "Refuse online for Léa on monespacesante.fr by Tuesday 8 December 2026, 11:59 pm"],
            [
                "The last advised day, Saturday 28 November 2026, has passed.",
                "Refuse online for Léa on monespacesante.fr by Tuesday 8 December 2026, 11:59 pm",
                "You, as the legal representative, take the steps for Léa.",
            ],
            id="late-online-represented-en",
        ),
        pytest.param(
            date(2026, 12, 9),
            "phone",
            "self",
            "fr",
            ["Clôturez votre espace et demandez la suppression de ses données : c'est possible à tout moment."],
            [
                "Le délai pour s'opposer a pris fin le mardi 8 décembre 2026 : sans opposition enregistrée, votre "
                "espace s'ouvre aujourd'hui, mercredi 9 décembre 2026.",
                "Clôturer l'espace et demander la suppression",
            ],
            id="missed-self-fr",
        ),
        pytest.param(
            date(2026, 12, 9),
            "online",
            "child",
            "en",
            ["Close Léa's space and ask for its data to be deleted: you can do it at any time."],
            [
                "The period to object ended on Tuesday 8 December 2026: with no objection recorded, Léa's space "
                "opens today, Wednesday 9 December 2026.",
                "Switch to Léa's profile",
            ],
            id="missed-child-en",
        ),
    ],
)
def test_each_day_the_pages_say_what_is_true_for_whom(
    client, today, route, relation, language, dashboard_says, case_page_says
):
    user = UserFactory(language=language)
    label = "Moi" if relation == "self" else "Léa"
    case = open_case(user, route=route, label=label, relation=relation, now=OPENED, sent_on=SENT, received_on=RECEIVED)
    client.cookies["language"] = language

    dashboard, case_page = pages(client, case, at(today))

    for phrase in dashboard_says:
        assert phrase in dashboard
    for phrase in case_page_says:
        assert phrase in case_page
    assert 'countdown__days">passé' not in dashboard + case_page


@pytest.mark.django_db
@pytest.mark.slow
def test_a_late_case_walked_day_by_day_from_the_letter_to_the_space_opening(client, mailoutbox):
    case = open_case(UserFactory(), label="Léa", relation="child", now=OPENED, sent_on=SENT, received_on=RECEIVED)
    mail_days: dict[date, list[str]] = {}
    day = OPENED.date()
    while day <= date(2026, 12, 10):
        for moment in (at(day, 8, 31), at(day, 9, 1), at(day, 18)):  # the line's opening, the send hour, evening
            with time_machine.travel(moment, tick=False):
                before = len(mailoutbox)
                dispatch.dispatch_due(clock=timezone.now)
                mail_days.setdefault(day, []).extend(plain(m.subject) for m in mailoutbox[before:])
        dashboard, case_page = pages(client, case, at(day, 10))
        if day <= date(2026, 12, 8):
            # The call by 17:00 on Friday 27 November, the advised Saturday being closed; then by the legal deadline.
            by = date(2026, 11, 27) if day <= date(2026, 11, 27) else date(2026, 12, 8)
            left = (by - day).days
            assert (f"J-{left}" if left else "Jour J") in dashboard
            if left:
                assert f"Appelez le 3422 pour Léa au plus tard {'demain, ' if left == 1 else 'le '}" in dashboard
            else:
                assert "Appelez le 3422 pour Léa aujourd'hui, avant 17 h." in dashboard
            assert "Le 3422 et vos appels" in case_page
        else:
            assert "Clôturez l'espace de Léa et demandez la suppression de ses données" in dashboard
            assert "Clôturer l'espace et demander la suppression" in case_page
            assert "Le 3422 et vos appels" not in case_page
        assert 'countdown__days">passé' not in dashboard + case_page
        day += timedelta(days=1)

    sent = {day: subjects for day, subjects in mail_days.items() if subjects}
    assert sent == {
        # "7 days before" falls on Saturday 21: it comes on Friday 20, and counts to the call's own day.
        date(2026, 11, 20): ["J-7 : appelez le 3422 pour Léa au plus tard le vendredi 27 novembre 2026, avant 17 h"],
        date(2026, 11, 26): [
            "J-1 : appelez le 3422 pour Léa au plus tard demain, vendredi 27 novembre 2026, avant 17 h"
        ],
        date(2026, 11, 27): ["Dernier jour conseillé pour appeler : appelez le 3422 pour Léa aujourd'hui, avant 17 h"],
        date(2026, 11, 30): ["J-8 : appelez le 3422 pour Léa au plus tard le mardi 8 décembre 2026, avant 17 h"],
        date(2026, 12, 4): ["J-4 : appelez le 3422 pour Léa au plus tard le mardi 8 décembre 2026, avant 17 h"],
        date(2026, 12, 8): ["Dernier jour pour s'opposer : appelez le 3422 pour Léa aujourd'hui, avant 17 h"],
        date(2026, 12, 9): ["Mon espace santé s'ouvre aujourd'hui : comment le clôturer (Léa)"],
    }
    # No email contradicts the one before: « dernier jour pour s'opposer » only on the legal deadline.
    for day, subjects in sent.items():
        assert ("pour s'opposer" in subjects[0]) is (day == date(2026, 12, 8))
    late_start = next(m for m in mailoutbox if "J-8" in plain(m.subject))
    assert "Le dernier jour conseillé, le samedi 28 novembre 2026, est passé." in plain(late_start.body)
    assert "Dites que vous appelez pour votre enfant, Léa" in plain(late_start.body)
    assert "Le numéro de sécurité sociale indiqué sur le courrier de Léa" in plain(late_start.body)
    missed = mailoutbox[-1]
    assert "l'espace de Léa s'ouvre aujourd'hui, mercredi 9 décembre 2026" in plain(missed.body)
    assert "Passez au profil de Léa" in plain(missed.body)
    assert "3422 aujourd'hui" not in plain(missed.body)  # nothing that no longer works


@pytest.mark.django_db
@pytest.mark.parametrize("relation", ["self", "adult"])
def test_on_the_legal_deadlines_evening_the_written_offer_no_longer_says_to_call(client, relation):
    """At 18:30 on the last day the 3422 cannot be called any more before the deadline: the offer to write to the
    caisse says how long it has to answer, never to call as well. At 10:00 the same day it still says so."""
    user = UserFactory()
    case = open_case(user, route="phone", relation=relation, sent_on=SENT, received_on=RECEIVED, now=OPENED)
    _, morning = pages(client, case, at(date(2026, 12, 8), 10))
    _, evening = pages(client, case, at(date(2026, 12, 8), 18, 30))
    assert "aussi le 3422" in morning
    assert "par lettre ou par courriel" in evening
    assert "aussi le 3422" not in evening
    assert "un mois pour répondre" in evening


@pytest.mark.django_db
def test_once_the_3422_cannot_answer_in_time_the_dashboard_no_longer_offers_to_prepare_the_call(client):
    """On the legal deadline's evening a phone case's headline says to refuse online: no button under it sends
    the person to prepare a call the line can no longer take. That morning, the next step is still the call."""
    user = UserFactory()
    case = open_case(user, route="phone", sent_on=SENT, received_on=RECEIVED, now=OPENED)
    morning, _ = pages(client, case, at(date(2026, 12, 8), 10))
    evening, evening_case = pages(client, case, at(date(2026, 12, 8), 18, 30))
    assert "Étape suivante : Préparer l'appel" in morning
    assert "Étape suivante" not in evening
    assert "Voir la démarche" in evening
    assert "en ligne" in evening
    assert "is-next" not in evening_case
