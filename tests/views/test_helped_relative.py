"""Helping a relative who acts themself (Relation.HELPED): every page and email speaks to the helper about
what the relative does, names them as the one who acts, and offers the large-print sheet; a complaint to
the CNIL for them asks for their mandate.

The letter: sent Tuesday 27 October 2026, received Wednesday 28 October. Act by Saturday 28 November,
so call by Friday 27 November before 17:00; legal deadline Tuesday 8 December; opens Wednesday 9 December.
"""

from dataclasses import replace
from datetime import date, datetime, time

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from optout import services
from optout.models import Reminder
from optout.vocabulary import Relation, Route, Scheme, StepKind
from reminders import emails
from tests.factories import PersonFactory, UserFactory
from tests.helpers import PARIS, letter, plain, text

pytestmark = pytest.mark.django_db

SENT, RECEIVED = date(2026, 10, 27), date(2026, 10, 28)
OPENED = datetime(2026, 10, 29, 10, tzinfo=PARIS)

#: The relative acts: the instruction names them, in either language.
THEY_ACT = {"fr": "À faire par Jeanne :", "en": "For Jeanne to do:"}
#: What would tell the helper to do it themself.
YOU_ACT = {
    "fr": ["Appelez le 3422", "Refusez en ligne", "Clôturez l'espace", "Vos nom et prénom", "Votre carte Vitale"],
    "en": [
        "Call 3422 by",
        "Call 3422 for",
        "Refuse online",
        "Close Jeanne's space and",
        "Your surname and first name",
        "Your Vitale card",
    ],
}


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=PARIS)


def helped(user, **kwargs):
    return PersonFactory(owner=user, label="Jeanne", relation=Relation.HELPED, **kwargs)


def email_words(case, kind, moment):
    with time_machine.travel(moment, tick=False):
        subject, body, html = emails.render_reminder(
            *emails.reminder_parts(Reminder(case=case, kind=kind), now=timezone.now())
        )
    return plain(subject), plain(body), plain(html)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("route", "day", "kind"),
    [
        pytest.param(Route.PHONE, date(2026, 11, 20), "lead-7", id="safe-phone"),
        pytest.param(Route.ONLINE, date(2026, 11, 26), "lead-2", id="safe-online"),
        pytest.param(Route.PHONE, date(2026, 12, 1), "late-start", id="late-phone"),
        pytest.param(Route.PHONE, date(2026, 12, 9), "missed", id="space-open"),
    ],
)
def test_every_page_and_email_names_the_relative_as_the_one_who_acts(client, route, day, kind, language):
    user = UserFactory(language=language)
    case = services.case_open(person=helped(user), route=route, letter=letter(SENT, RECEIVED), now=OPENED)
    client.cookies["language"] = language
    with time_machine.travel(at(day), tick=False):
        services.cases_move_missed_windows(now=at(day))
        client.force_login(user)
        surfaces = {
            name: text(client.get(reverse(name, args=args)))
            for name, args in [
                ("dashboard", []),
                ("case_detail", [case.pk]),
                ("case_sheet", [case.pk]),
                ("case_together_sheet", [case.pk]),
            ]
        }
    subject, body, html = email_words(case, kind, at(day, 9))
    surfaces |= {"email": body, "email html": html}

    for name, words in surfaces.items():
        assert THEY_ACT[language] in words, name
        for yours in YOU_ACT[language]:
            assert yours not in words, (name, yours)
    assert "Jeanne" in subject
    assert "/fiche-ensemble/" in body  # the large-print sheet, to do it together
    assert "Jeanne" in surfaces["case_together_sheet"]


def test_the_large_print_sheet_has_the_script_what_to_have_ready_and_lines_for_the_confirmation(client):
    user = UserFactory()
    case = services.case_open(person=helped(user), route=Route.PHONE, letter=letter(SENT, RECEIVED), now=OPENED)
    with time_machine.travel(OPENED, tick=False):
        client.force_login(user)
        sheet = text(client.get(reverse("case_together_sheet", args=[case.pk])))

    assert "Appeler ensemble le 3422" in sheet
    assert "À faire par Jeanne : appeler le 3422 au plus tard le vendredi 27 novembre 2026, avant 17 h." in sheet
    assert "Ce que Jeanne dit au téléphone :" in sheet
    assert "« Bonjour. Je m'oppose à la création de mon espace Mon espace santé. »" in sheet
    assert "La carte Vitale de Jeanne" in sheet and "Une loupe, si besoin" in sheet
    assert "Courriel de confirmation reçu le :" in sheet
    assert "les espaces France Services accompagnent les démarches" in sheet


@pytest.mark.parametrize(
    ("scheme", "route", "ready"),
    [
        (Scheme.MSA, Route.PHONE, "Le courrier de la MSA, avec le code provisoire s'il y en a un"),
        (Scheme.MSA, Route.ONLINE, "Le courrier de la MSA, avec le code provisoire"),
        (Scheme.UNKNOWN, Route.PHONE, "Le courrier de l'Assurance Maladie, avec le code provisoire"),
    ],
)
def test_the_sheet_names_the_letter_the_relative_received_from_whoever_wrote_it(client, scheme, route, ready):
    user = UserFactory()
    data = replace(letter(SENT, RECEIVED), scheme=scheme)
    case = services.case_open(person=helped(user), route=route, letter=data, now=OPENED)
    with time_machine.travel(OPENED, tick=False):
        client.force_login(user)
        sheet = text(client.get(reverse("case_together_sheet", args=[case.pk])))

    assert ready in sheet
    if scheme == Scheme.MSA:
        assert "Assurance Maladie, avec" not in sheet


def test_for_a_closure_the_sheet_gives_the_steps_with_the_relatives_card_and_code(client):
    user = UserFactory()
    case = services.case_open(person=helped(user), route=Route.CLOSURE, letter=None, now=OPENED)
    with time_machine.travel(OPENED, tick=False):
        client.force_login(user)
        sheet = text(client.get(reverse("case_together_sheet", args=[case.pk])))

    assert "Clôturer ensemble l'espace" in sheet
    assert "se connecte avec son code provisoire et sa carte Vitale" in sheet
    assert "coche la case qui demande la suppression des données." in sheet
    assert "Confirmation de suppression reçue le :" in sheet


@pytest.mark.parametrize("relation", [Relation.SELF, Relation.CHILD, Relation.REPRESENTED])
def test_only_someone_who_acts_themself_has_a_sheet_to_do_it_together(client, relation):
    user = UserFactory()
    person = PersonFactory(owner=user, label="Léa", relation=relation)
    case = services.case_open(person=person, route=Route.PHONE, letter=letter(SENT, RECEIVED), now=OPENED)
    with time_machine.travel(OPENED, tick=False):
        client.force_login(user)
        assert client.get(reverse("case_together_sheet", args=[case.pk])).status_code == 404
        assert "/fiche-ensemble/" not in text(client.get(reverse("case_detail", args=[case.pk])))


def test_once_the_opposition_is_made_there_is_nothing_left_to_do_together(client):
    user = UserFactory()
    case = services.case_open(person=helped(user), route=Route.PHONE, letter=letter(SENT, RECEIVED), now=OPENED)
    services.step_mark_done(case=case, kind=StepKind.CALL, now=OPENED)
    with time_machine.travel(OPENED, tick=False):
        client.force_login(user)
        assert client.get(reverse("case_together_sheet", args=[case.pk])).status_code == 404


def test_someone_elses_sheet_is_not_found(client):
    case = services.case_open(
        person=helped(UserFactory()), route=Route.PHONE, letter=letter(SENT, RECEIVED), now=OPENED
    )
    with time_machine.travel(OPENED, tick=False):
        client.force_login(UserFactory())
        assert client.get(reverse("case_together_sheet", args=[case.pk])).status_code == 404


def test_the_complaint_for_a_helped_relative_is_made_with_their_mandate(client):
    user = UserFactory()
    case = services.case_open(person=helped(user), route=Route.CLOSURE, letter=None, now=OPENED)
    with time_machine.travel(OPENED, tick=False):
        client.force_login(user)
        complaint = text(client.get(reverse("case_complaint", args=[case.pk])))
        mandate = client.get(reverse("case_complaint_mandate", args=[case.pk]))

    assert "La demande écrite est celle de Jeanne. Pour saisir la CNIL à sa place, il vous faut son mandat signé" in (
        complaint
    )
    assert reverse("case_complaint_mandate", args=[case.pk]) in complaint
    assert "Je vous saisis pour le compte de" in complaint
    assert mandate.status_code == 200 and "Le mandat pour saisir la CNIL" in text(mandate)
