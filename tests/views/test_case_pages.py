import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from optout import services
from optout.models import Case
from tests.helpers import NOW, PARIS, open_case, text

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_each_person_with_days_left_the_date_the_rule_and_the_next_step(user_client, user):
    me = open_case(user)
    open_case(user, label="Léa", relation="child", route="online", had_code=True)

    html = text(user_client.get(reverse("dashboard")))

    assert "Léa" in html and "mon enfant" in html
    assert html.count("J-22") == 2
    assert "Appelez le 3422 au plus tard le mardi 24 mars 2026, avant 17 h." in html
    assert "Refusez en ligne pour Léa sur monespacesante.fr au plus tard le mardi 24 mars 2026, à 23 h 59" in html
    assert "0 étape faite sur 3" in html and "1 étape faite sur 4" in html
    assert f'href="/suivi/demarches/{me.pk}/#step-prepare_call"' in html
    assert "Étape suivante : Préparer l'appel" in html


def test_the_case_page_has_the_checklist_the_line_status_and_every_date(user_client, user):
    case = open_case(user)

    html = text(user_client.get(reverse("case_detail", args=[case.pk])))

    assert "J-22" in html
    assert "<strong>Appelez le 3422 au plus tard le mardi 24 mars 2026, avant 17 h.</strong>" in html
    assert "Le dernier jour conseillé tombe un mois après la réception du courrier, le 24 février 2026" in html
    assert "La ligne est ouverte en ce moment." in html
    for written_out in ["vendredi 3 avril 2026", "samedi 4 avril 2026", "mardi 24 mars 2026"]:
        assert written_out in html
    assert "Votre numéro de sécurité sociale" in html
    assert "Démarche commencée : Par téléphone, au 3422" in html


def test_the_line_is_shown_closed_at_night_with_when_it_reopens(user_client, user):
    case = open_case(user)

    with time_machine.travel(datetime(2026, 3, 6, 18, 0, tzinfo=PARIS), tick=False):  # Friday evening
        html = text(user_client.get(reverse("case_detail", args=[case.pk])))

    assert "La ligne est fermée en ce moment. Elle rouvre le lundi 9 mars 2026 à 8 h 30." in html


def test_after_the_last_call_day_the_line_status_no_longer_promises_a_reopening(user_client, user):
    case = open_case(user)  # legal deadline Friday 3 April 2026: its line closes at 17:00 for good

    with time_machine.travel(datetime(2026, 4, 3, 18, 15, tzinfo=PARIS), tick=False):
        user_client.force_login(user)
        html = text(user_client.get(reverse("case_detail", args=[case.pk])))

    assert "La ligne est fermée en ce moment." in html
    assert "Elle rouvre" not in html
    assert "Refusez en ligne sur monespacesante.fr aujourd'hui, jusqu'à 23 h 59, avec le code provisoire." in html


def test_marking_a_step_done_then_twice_then_undoing_it(user_client, user):
    case = open_case(user)
    url = reverse("step_update", args=[case.pk, "call"])

    response = user_client.post(url, {"action": "done", "note": "rappel à 10 h"}, follow=True)
    assert "C'est noté : étape faite." in text(response)
    assert Case.objects.get().status == "opposed"

    response = user_client.post(url, {"action": "done"}, follow=True)
    assert "Cette étape est déjà marquée comme faite." in text(response)

    user_client.post(url, {"action": "undo"})
    assert Case.objects.get().status == "open"


def test_a_refused_note_keeps_what_was_typed_in_its_field_with_the_error_next_to_it(user_client, user):
    case = open_case(user)
    typed = "code reçu 4F7K 9Q2M 8X1Z, Mme Durand"

    response = user_client.post(reverse("step_update", args=[case.pk, "call"]), {"action": "done", "note": typed})

    assert response.status_code == 400
    html = text(response)
    assert 'id="note-call-error">Pour votre sécurité, nous n\'enregistrons ni numéro de sécurité sociale' in html
    assert f'value="{typed}" aria-invalid="true"' in html  # in its field, not wiped
    assert '<details class="checklist__note" open>' in html
    assert 'href="#note-call"' in html  # the summary links to it
    assert Case.objects.get().status == "open"
    assert not Case.objects.get().steps.get(kind="call").note


def test_an_empty_call_log_says_what_is_missing_next_to_it_and_keeps_the_note(user_client, user):
    case = open_case(user)

    response = user_client.post(reverse("call_create", args=[case.pk]), {"note": "plateforme Est"})

    assert response.status_code == 400
    html = text(response)
    assert "id=\"id_outcome_error\">Choisissez comment s'est passé l'appel." in html
    assert 'value="plateforme Est"' in html
    assert not case.calls.exists()


def test_a_step_of_another_route_is_refused(user_client, user):
    case = open_case(user)

    response = user_client.post(reverse("step_update", args=[case.pk, "close_space"]), {"action": "done"}, follow=True)

    assert "Cette étape ne fait pas partie de la démarche choisie." in text(response)


def test_a_transition_that_is_not_allowed_gets_a_clear_message(user_client, user):
    case = open_case(user, route="closure", received_on=None)

    response = user_client.post(
        reverse("step_update", args=[case.pk, "closure_confirmed"]), {"action": "done"}, follow=True
    )

    assert "Marquez d'abord la demande de clôture comme faite" in text(response)


def test_a_failed_call_is_logged_with_advice(user_client, user):
    case = open_case(user)

    response = user_client.post(
        reverse("call_create", args=[case.pk]), {"outcome": "asked_for_code", "note": "plateforme Est"}, follow=True
    )

    html = text(response)
    assert "Quatre plateformes régionales répondent au 3422" in html
    assert "plateforme Est" in html


def test_changing_the_route_from_the_case_page(user_client, user):
    case = open_case(user)

    response = user_client.post(reverse("case_route", args=[case.pk]), {"route": "closure"}, follow=True)

    assert "La démarche a changé." in text(response)
    assert Case.objects.get().route == "closure"


def test_after_act_by_the_pages_headline_the_legal_deadline_and_the_last_day_to_call(user_client, user):
    case = open_case(user)  # act by Tuesday 24 March 2026; legal deadline Friday 3 April
    later = datetime(2026, 3, 25, 9, 0, tzinfo=PARIS)

    with time_machine.travel(later, tick=False):
        assert services.cases_move_missed_windows(now=later) == 0  # still in time: nothing moves
        user_client.force_login(user)
        html = text(user_client.get(reverse("case_detail", args=[case.pk])))
        dashboard = text(user_client.get(reverse("dashboard")))

    assert "J-9" in html and "Appelez le 3422 au plus tard le vendredi 3 avril 2026, avant 17 h." in html
    assert "Dernier jour pour s'opposer" in html
    assert "Le dernier jour conseillé, le mardi 24 mars 2026, est passé." in html
    assert "court jusqu'au vendredi 3 avril 2026 : une opposition faite d'ici là est dans les temps" in html
    assert 'countdown__days">passé' not in dashboard  # never "passé" while an opposition is still in time
    assert "Appelez le 3422 au plus tard le vendredi 3 avril 2026, avant 17 h." in dashboard and "J-9" in dashboard


def test_once_the_space_opens_the_pages_explain_how_to_close_it(user_client, user):
    case = open_case(user)
    opened = datetime(2026, 4, 4, 9, 0, tzinfo=PARIS)
    assert services.cases_move_missed_windows(now=opened) == 1

    with time_machine.travel(opened, tick=False):
        user_client.force_login(user)
        html = text(user_client.get(reverse("case_detail", args=[case.pk])))
        dashboard = text(user_client.get(reverse("dashboard")))

    assert (
        "Le délai pour s'opposer a pris fin le vendredi 3 avril 2026 : sans opposition enregistrée, votre espace "
        "s'ouvre aujourd'hui, samedi 4 avril 2026." in html
    )
    assert "Clôturez votre espace et demandez la suppression de ses données" in html
    assert "Clôturer l'espace et demander la suppression" in html
    assert "Le 3422 et vos appels" not in html  # closure tools only
    assert "Les dates" in html and "Dernier jour conseillé" not in html  # a closure shows closure things only
    assert "Changer de démarche" not in html  # nothing else is possible any more
    assert "Clôturez votre espace et demandez la suppression de ses données" in dashboard


def test_parents_are_told_to_close_the_childrens_spaces_first(user_client, user):
    mine = open_case(user, route="closure", received_on=None)
    open_case(user, route="closure", received_on=None, label="Léa", relation="child")

    html = text(user_client.get(reverse("case_detail", args=[mine.pk])))

    assert "Clôturez d'abord l'espace de Léa, puis le vôtre" in html
    assert "Clôturez d'abord les espaces de vos enfants" in text(user_client.get(reverse("dashboard")))


def test_a_parent_whose_childs_opposition_is_still_open_is_told_to_close_it_first_if_it_opens(user_client, user):
    mine = open_case(user, route="closure", received_on=None)
    open_case(user, label="Léa", relation="child")  # act by 24 March 2026: her opposition is in time

    html = text(user_client.get(reverse("case_detail", args=[mine.pk])))

    assert "L'opposition pour Léa est encore possible : si son espace s'ouvre aussi, clôturez-le avant le vôtre" in html
    # The dashboard does not ask to close a space that is not open and may never be.
    dashboard = text(user_client.get(reverse("dashboard")))
    assert "Si l'espace d'un de vos enfants s'ouvre aussi, clôturez-le avant le vôtre" in dashboard
    assert "Clôturez d'abord les espaces de vos enfants" not in dashboard


def test_a_closure_case_without_a_letter_shows_no_empty_dates_and_no_route_to_oppose(user_client, user):
    case = open_case(user, route="closure", received_on=None)

    html = text(user_client.get(reverse("case_detail", args=[case.pk])))

    assert 'id="dates-title"' not in html
    assert "Changer de démarche" not in html


def test_people_can_be_renamed_and_removed(user_client, user):
    case = open_case(user, label="Lea", relation="child")
    person = case.person

    user_client.post(reverse("person_edit", args=[person.pk]), {"label": "Léa", "relation": "child"})
    person.refresh_from_db()
    assert person.label == "Léa"

    assert "Retirer « Léa » ?" in text(user_client.get(reverse("person_delete", args=[person.pk])))
    user_client.post(reverse("person_delete", args=[person.pk]))
    assert not user.people.exists() and not Case.objects.exists()


def test_adding_yourself_twice_is_refused_with_a_message(user_client, user):
    open_case(user)

    response = user_client.post(reverse("people"), {"label": "Moi encore", "relation": "self"})

    assert "Vous figurez déjà dans votre suivi" in text(response)
    assert user.people.count() == 1


def test_the_next_step_is_the_first_not_done_after_the_last_one_done(user_client, user):
    case = open_case(user, route="online")  # code, prepare, object online, keep the proof
    services.step_mark_done(case=case, kind="object_online", now=NOW)

    dashboard = text(user_client.get(reverse("dashboard")))

    assert "Étape suivante : Enregistrer l'attestation de refus" in dashboard
    assert "Étape suivante : Avoir un code provisoire" not in dashboard


def test_a_requested_closure_says_when_the_deletion_is_due_and_what_happens_to_the_archive(user_client, user):
    case = open_case(user, route="closure", received_on=None)
    services.step_mark_done(case=case, kind="close_space", now=NOW)

    html = text(user_client.get(reverse("case_detail", args=[case.pk])))
    dashboard = text(user_client.get(reverse("dashboard")))

    assert (
        "Clôture demandée en ligne le 2 mars 2026. L'Assurance Maladie doit supprimer les données au plus tard le "
        "<strong>mardi 2 juin 2026</strong>" in html
    )
    assert "elles restent archivées dix ans, jusqu'au 2 mars 2036" in html
    assert (
        "Clôture demandée en ligne le 2 mars 2026" in dashboard
        and "Suppression due au plus tard le 2 juin 2026" in dashboard
    )
    assert "Le 3422 et vos appels" not in html and "l'opposition est enregistrée" not in html


def test_the_3422_and_monespacesante_act_when_tapped_but_never_inside_a_control(user_client, user):
    phone = open_case(user)
    online = open_case(user, route="online", label="Léa", relation="child")

    phone_html = user_client.get(reverse("case_detail", args=[phone.pk])).content.decode()
    online_html = user_client.get(reverse("case_detail", args=[online.pk])).content.decode()

    assert '<a href="tel:3422" class="action-link">3422</a>' in phone_html
    assert '<a href="https://www.monespacesante.fr/" class="action-link">monespacesante.fr</a>' in online_html
    for html in (phone_html, online_html):
        assert not re.search(r"<(option|button|label)[^>]*>[^<]*<a ", html)  # no link inside a control


def test_your_own_case_is_headed_for_you_and_a_childs_by_their_name(user_client, user):
    mine = open_case(user)  # the person is labelled « Moi »
    leas = open_case(user, label="Léa", relation="child")

    mine_html = text(user_client.get(reverse("case_detail", args=[mine.pk])))
    leas_html = text(user_client.get(reverse("case_detail", args=[leas.pk])))

    assert '<span class="person__relation">· Vous</span>' in mine_html
    assert "· Moi" not in mine_html
    assert '<span class="person__relation">· Léa</span>' in leas_html


@pytest.mark.parametrize("route", ["phone", "online"])
def test_another_adults_late_case_says_what_they_can_do_and_never_tells_you_to_do_it(user_client, user, route):
    case = open_case(user, label="Jeanne", relation="adult", route=route, had_code=route == "online")

    with time_machine.travel(datetime(2026, 3, 26, 10, tzinfo=PARIS), tick=False):  # safe day gone, law runs
        user_client.force_login(user)
        page = text(user_client.get(reverse("case_detail", args=[case.pk])))
        dashboard = text(user_client.get(reverse("dashboard")))

    action = {
        "phone": "À faire par Jeanne : appeler le 3422 au plus tard le vendredi 3 avril 2026, avant 17 h.",
        "online": (
            "À faire par Jeanne : refuser en ligne sur monespacesante.fr au plus tard le vendredi 3 avril 2026, "
            "à 23 h 59, avec son code provisoire."
        ),
    }[route]
    assert action in page and action in dashboard
    assert "Si l'espace s'ouvre quand même, il pourra être clôturé à tout moment." in page
    assert "Jeanne peut aussi s'opposer par lettre ou par courriel auprès de sa caisse" in page
    for wrong in ("Appelez le 3422", "Refusez en ligne", "vous pouvez aussi refuser", "votre caisse"):
        assert wrong not in page + dashboard


def test_a_closure_says_the_code_is_needed_and_never_that_the_3422_does_without_one(user_client, user):
    case = open_case(user, route="closure")

    html = text(user_client.get(reverse("case_detail", args=[case.pk])))

    assert "Clôturer l'espace demande un code provisoire et la carte Vitale." in html
    assert "pour une opposition" not in html  # the space is open: there is nothing left to oppose


def test_the_case_page_lists_the_latest_ten_events_and_links_to_the_whole_timeline(user_client, user):
    case = open_case(user)
    url = reverse("step_update", args=[case.pk, "prepare_call"])
    for _ in range(6):  # ticked and unticked: twelve events, and the opening one
        user_client.post(url, {"action": "done"})
        user_client.post(url, {"action": "undo"})

    page = text(user_client.get(reverse("case_detail", args=[case.pk])))
    timeline = text(user_client.get(reverse("case_timeline", args=[case.pk])))

    listed = re.search(r"Ce qui s'est passé(.*?)</ol>", page, re.S).group(1)
    assert listed.count("<li>") == 10
    assert "Les 10 derniers événements, sur 13." in page
    assert f'href="{reverse("case_timeline", args=[case.pk])}"' in page
    assert timeline.count("<li>") >= 13  # the timeline page keeps every event


def test_on_the_morning_the_space_opens_the_steps_badge_and_next_step_are_closures_at_once(user_client, user):
    case = open_case(user)  # legal deadline Friday 3 April 2026: the space opens on Saturday 4 April
    morning = datetime(2026, 4, 4, 0, 20, tzinfo=PARIS)  # before beat's pass has moved anything

    with time_machine.travel(morning, tick=False):
        user_client.force_login(user)
        dashboard = text(user_client.get(reverse("dashboard")))
        page = text(user_client.get(reverse("case_detail", args=[case.pk])))

    for html in (dashboard, page):
        assert "Clôture à faire" in html
        assert "Opposition à faire" not in html
    assert "Étape suivante : Avoir un code provisoire" in dashboard
    assert "Clôturer l'espace et demander la suppression" in page
    assert "Préparer l'appel" not in page
