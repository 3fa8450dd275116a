"""One deletion story per request: a closure asked online, then a letter, each named with its own due date
on the case page, the timeline and the complaint."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from optout import services
from optout.services import RequestData
from tests.helpers import PARIS, open_case
from tests.helpers import text as html_text

pytestmark = pytest.mark.django_db

#: Asked online Tuesday 15 December 2026: the deletion was due by 15 March 2027.
ONLINE = datetime(2026, 12, 15, 10, tzinfo=PARIS)
#: A letter sent 16 March 2027, delivered the 18th: its deletion is due by 18 June 2027.
LETTER = datetime(2027, 3, 22, 10, tzinfo=PARIS)
TODAY = datetime(2027, 4, 10, 10, tzinfo=PARIS)

ONLINE_LINE = "Clôture demandée en ligne le 15 décembre 2026 "
ONLINE_STATE = "Suppression due au plus tard le 15 mars 2027 : délai passé, sans confirmation notée"
LETTER_LINE = "Demande écrite de clôture envoyée le 16 mars 2027 "
LETTER_STATE = "Suppression due au plus tard le 18 juin 2027 "


def text(response) -> str:
    """The words of the page, tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html_text(response)).split())


@pytest.fixture
def case(user):
    case = open_case(user, route="closure", now=ONLINE)
    services.step_mark_done(case=case, kind="code_received", now=ONLINE)
    services.step_mark_done(case=case, kind="close_space", now=ONLINE)
    data = RequestData("closure", "registered", date(2027, 3, 16), delivered_on=date(2027, 3, 18))
    services.written_request_record(case=case, data=data, now=LETTER)
    return case


@pytest.fixture
def signed_in(client, user):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(user)
        yield client


@pytest.mark.parametrize("page", ["case_detail", "case_timeline", "case_complaint"])
def test_each_request_is_named_with_its_own_deletion_date(signed_in, case, page):
    said = text(signed_in.get(reverse(page, args=[case.pk])))

    assert f"{ONLINE_LINE}{ONLINE_STATE}" in said
    assert f"{LETTER_LINE}{LETTER_STATE}" in said
    assert "Suppression attendue au plus tard le" not in said


def test_the_complaint_tells_the_cnil_about_both_requests_and_where_each_stands(signed_in, case):
    said = text(signed_in.get(reverse("case_complaint", args=[case.pk])))

    assert (
        "Le 15 décembre 2026, la clôture de l'espace « Mon espace santé » dont je suis titulaire et la suppression "
        "de ses données ont été demandées en ligne, sur monespacesante.fr. Cette suppression devait être faite au "
        "plus tard le 15 mars 2027 (article R1111-36 du code de la santé publique) ; aucune confirmation n'en a été "
        "reçue." in said
    )
    assert (
        "La suppression ainsi demandée doit être faite au plus tard le 18 juin 2027, en application du "
        "même article R1111-36." in said
    )
    assert said.index("Le 15 décembre 2026, la clôture") < said.index("une demande de clôture")


def test_a_confirmed_deletion_is_said_confirmed_for_each_request(signed_in, case):
    services.step_mark_done(case=case, kind="closure_confirmed", now=TODAY)

    said = text(signed_in.get(reverse("case_timeline", args=[case.pk])))

    assert f"{ONLINE_LINE}Suppression confirmée le 10 avril 2027 " in said
    assert f"{LETTER_LINE}Suppression confirmée le 10 avril 2027 " in said
    assert "délai passé" not in said


def test_a_case_with_only_a_letter_lists_only_the_letter(signed_in, user):
    case = open_case(user, route="closure", now=LETTER)
    data = RequestData("closure", "email", date(2027, 3, 16))
    services.written_request_record(case=case, data=data, now=LETTER)

    said = text(signed_in.get(reverse("case_detail", args=[case.pk])))

    assert f"{LETTER_LINE}Suppression due au plus tard le 16 juin 2027 (estimation)" in said
    assert "Clôture demandée en ligne" not in said
