"""Every day of a case tells the truth: safe, late (act-by passed, the legal deadline not), missed.

The letter is the issue's: sent Tuesday 27 October 2026, received Wednesday 28 October.
Act by Saturday 28 November (one month after receipt); legal deadline Tuesday 8 December
(six weeks after sending); the space opens Wednesday 9 December.
"""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse

from optout import dispatch, services
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "route", "relation", "language", "dashboard_says", "case_page_says"),
    [
        pytest.param(
            date(2026, 11, 16),
            "phone",
            "self",
            "fr",
            ["J-12", "à faire au plus tard le <strong>28 novembre 2026</strong>"],
            [
                "À faire au plus tard le <strong>samedi 28 novembre 2026</strong>.",
                "Dernier jour pour appeler : <strong>vendredi 27 novembre 2026</strong>.",
            ],
            id="safe-phone-self-fr",
        ),
        pytest.param(
            date(2026, 11, 16),
            "online",
            "child",
            "en",
            ["J-12", "Léa"],
            [
                "To do by <strong>Saturday 28 November 2026</strong> at the latest.",
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
            ["J-9", "délai légal : <strong>8 décembre 2026</strong>"],
            [
                "Délai légal : <strong>mardi 8 décembre 2026</strong>.",
                "La date la plus sûre, le 28 novembre 2026, est passée.",
                "Appelez le 3422 au plus tard le mardi 8 décembre 2026",
                "Dernier jour pour appeler : <strong>mardi 8 décembre 2026</strong>.",
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
            ["J-7", "legal deadline: <strong>8 December 2026</strong>"],
            [
                "Legal deadline: <strong>Tuesday 8 December 2026</strong>.",
                "Call 3422 by Tuesday 8 December 2026 at the latest",
                "You, as the legal representative, take the steps for Léa.",
            ],
            id="late-online-represented-en",
        ),
        pytest.param(
            date(2026, 12, 9),
            "phone",
            "self",
            "fr",
            ["Le délai légal a pris fin le 8 décembre 2026 : l'espace s'est ouvert le 9 décembre 2026."],
            [
                "Le délai légal a pris fin le 8 décembre 2026 : sans opposition enregistrée, votre espace s'est "
                "ouvert le mercredi 9 décembre 2026.",
                "Clôturer l'espace et demander la suppression",
            ],
            id="missed-self-fr",
        ),
        pytest.param(
            date(2026, 12, 9),
            "online",
            "child",
            "en",
            ["The legal deadline ended on 8 December 2026: the space opened on 9 December 2026."],
            [
                "The legal deadline ended on 8 December 2026: with no objection recorded, Léa's space opened on "
                "Wednesday 9 December 2026.",
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
def test_a_late_case_walked_day_by_day_from_the_letter_to_the_space_opening(client, mailoutbox):
    case = open_case(UserFactory(), label="Léa", relation="child", now=OPENED, sent_on=SENT, received_on=RECEIVED)
    mail_days: dict[date, list[str]] = {}
    day = OPENED.date()
    while day <= date(2026, 12, 10):
        for moment in (at(day, 8, 31), at(day, 9, 1), at(day, 18)):  # the line's opening, the send hour, evening
            with time_machine.travel(moment, tick=False):
                before = len(mailoutbox)
                dispatch.dispatch_due(now=moment)
                mail_days.setdefault(day, []).extend(plain(m.subject) for m in mailoutbox[before:])
        dashboard, case_page = pages(client, case, at(day, 10))
        if day <= date(2026, 11, 28):
            assert f"J-{(date(2026, 11, 28) - day).days}" in dashboard
            assert "à faire au plus tard le <strong>28 novembre 2026</strong>" in dashboard
        elif day <= date(2026, 12, 8):
            assert f"J-{(date(2026, 12, 8) - day).days}" in dashboard
            assert "délai légal : <strong>8 décembre 2026</strong>" in dashboard
            assert "Appelez le 3422 au plus tard le mardi 8 décembre 2026" in case_page
            assert "Le 3422 et vos appels" in case_page
        else:
            assert "Le délai légal a pris fin le 8 décembre 2026" in dashboard
            assert "Clôturer l'espace et demander la suppression" in case_page
            assert "Le 3422 et vos appels" not in case_page
        assert 'countdown__days">passé' not in dashboard + case_page
        day += timedelta(days=1)

    sent = {day: subjects for day, subjects in mail_days.items() if subjects}
    assert sent == {
        # "7 days before" falls on Saturday 21: it comes on Friday 20, and says what is true that day.
        date(2026, 11, 20): ["J-8 pour refuser Mon espace santé (Léa)"],
        date(2026, 11, 26): ["J-2 pour refuser Mon espace santé (Léa)"],
        date(2026, 11, 27): ["Dernier jour où le 3422 répond avant votre date limite (Léa)"],  # act-by: Saturday
        date(2026, 11, 30): ["Vous pouvez encore refuser Mon espace santé : appelez le 3422 (Léa)"],
        date(2026, 12, 4): ["Appelez le 3422 au plus tard le mardi 8 décembre 2026 (Léa)"],
        date(2026, 12, 8): ["Aujourd'hui, dernier jour pour appeler le 3422 (Léa)"],
        date(2026, 12, 9): ["Mon espace santé s'ouvre aujourd'hui : comment le clôturer (Léa)"],
    }
    late_start = next(m for m in mailoutbox if plain(m.subject).startswith("Vous pouvez encore refuser"))
    assert "Appelez le 3422 dès que possible, au plus tard le mardi 8 décembre 2026" in plain(late_start.body)
    assert "Dites que vous appelez pour votre enfant, Léa" in plain(late_start.body)
    assert "Le numéro de sécurité sociale indiqué sur le courrier de Léa" in plain(late_start.body)
    last_day = next(m for m in mailoutbox if plain(m.subject).startswith("Aujourd'hui, dernier jour"))
    assert "Aujourd'hui, mardi 8 décembre 2026, est le dernier jour du délai légal" in plain(last_day.body)
    missed = mailoutbox[-1]
    assert "l'espace s'ouvre aujourd'hui, mercredi 9 décembre 2026" in plain(missed.body)
    assert "Passez au profil de Léa" in plain(missed.body)
    assert "appel au 3422 avant cette date" not in plain(missed.body)  # nothing that no longer works
