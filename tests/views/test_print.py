"""What people print: a case sheet, and their data as a page to keep."""

import json
import re

import pytest
from django.urls import reverse

from optout import services
from tests.factories import UserFactory
from tests.helpers import NOW, open_case, text

pytestmark = pytest.mark.django_db


def test_the_case_sheet_holds_who_the_dates_the_steps_what_to_say_and_lines_to_write_on(user_client, user):
    case = open_case(user, label="Léa", relation="child")
    services.step_mark_done(case=case, kind="prepare_call", now=NOW)

    html = text(user_client.get(reverse("case_sheet", args=[case.pk])))

    assert "Par téléphone, au 3422 · Léa" in html
    assert "C'est vous, son parent, qui faites la démarche pour Léa." in html
    assert "<strong>Appelez le 3422 pour Léa au plus tard le mardi 24 mars 2026, avant 17 h.</strong>" in html
    assert '<svg class="window-picture__svg"' in html  # the window, as a picture
    assert "☑" in html and html.count("☐") == 2  # one step done, two to do
    assert "Le numéro de sécurité sociale indiqué sur le courrier de Léa" in html
    assert "Dites que vous appelez pour votre enfant, Léa" in html
    assert "Conseiller ou plateforme" in html and "Ce qui a été dit" in html
    assert "article R1111-28" in html  # the route's official sources
    assert "Nous n'y mettons aucun de vos numéros." in html


def test_a_closure_sheet_has_no_phone_log_and_nobody_elses_sheet_is_reachable(user_client, user, client):
    case = open_case(user, route="closure", received_on=None)

    html = text(user_client.get(reverse("case_sheet", args=[case.pk])))

    assert "Clôturer l'espace et demander la suppression" in html
    assert "Conseiller ou plateforme" not in html
    client.force_login(UserFactory())
    assert client.get(reverse("case_sheet", args=[case.pk])).status_code == 404


def test_the_page_of_my_data_lists_every_event_and_step_of_the_json_export(user_client, user):
    mine = open_case(user)
    open_case(user, route="online", label="Léa", relation="child")
    services.call_log(case=mine, outcome="no_answer", note="plateforme Est", now=NOW)
    services.step_mark_done(case=mine, kind="call", now=NOW)

    data = json.loads(user_client.get(reverse("account_export")).content)
    html = text(user_client.get(reverse("account_export_page")))

    events = [event for person in data["people"] for case in person["cases"] for event in case["timeline"]]
    assert len(re.findall(r"<li class=\"export-event\">", html)) == len(events) == 4  # opened, call, done; opened
    assert "Démarche commencée : Par téléphone, au 3422" in html
    assert "Appel au 3422 : pas de réponse, ou ligne occupée" in html
    assert "plateforme Est" in html
    assert "Étape faite : Appeler le 3422 et demander l'opposition" in html
    assert "7 jours avant le dernier jour conseillé" in html and "annulé" in html
    assert user.email in html
