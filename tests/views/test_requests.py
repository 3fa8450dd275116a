"""The written request's pages: the letter and the complaint (built in the browser), recording the dates, the timeline."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from optout import services
from optout.models import CaseEvent, WrittenRequest
from optout.services import RequestData
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case
from tests.helpers import text as html_text

pytestmark = pytest.mark.django_db

ASKED = datetime(2026, 3, 31, 10, tzinfo=PARIS)
#: Thursday 2 July 2026: the deletion asked on 31 March was due on 30 June.
OVERDUE = datetime(2026, 7, 2, 10, tzinfo=PARIS)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def text(response) -> str:
    """The page as read, narrow no-break spaces (French typography) read as spaces."""
    return html_text(response).replace("\u202f", " ")


def overdue_closure(user, **kwargs):
    case = open_case(user, route="closure", now=ASKED, **kwargs)
    services.step_mark_done(case=case, kind="code_received", now=ASKED)
    services.step_mark_done(case=case, kind="close_space", now=ASKED)
    return case


def record(case, now=OVERDUE, **dates):
    data = {"kind": "closure", "channel": "registered", "sent_on": date(2026, 7, 2), **dates}
    return services.written_request_record(case=case, data=RequestData(**data), now=now)


@pytest.fixture
def travel(client, user):
    """To 2 July 2026, signed in (sessions last two weeks: each move signs in again)."""

    class Traveller:
        def __init__(self, machine):
            self.machine = machine

        def move_to(self, when):
            self.machine.move_to(when)
            client.force_login(user)

    with time_machine.travel(OVERDUE, tick=False) as machine:
        client.force_login(user)
        yield Traveller(machine)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("kind", "relation", "subject", "says"),
    [
        ("closure", "self", "Demande de clôture de mon espace", "Je vous demande de clôturer mon espace"),
        ("closure", "child", "de l'espace « Mon espace santé » de mon enfant", "en tant que parent de l'enfant"),
        ("closure", "represented", "de la personne que je représente", "Je joins la copie de la décision"),
        ("opposition", "self", "Opposition à la création de mon espace", "Je m'oppose à la création de mon espace"),
        ("opposition", "child", "Opposition à la création de l'espace", "Je m'oppose, en tant que parent"),
        ("opposition", "represented", "Opposition à la création de l'espace", "la personne désignée ci-dessous, à la"),
    ],
)
def test_the_letter_without_an_account_is_in_french_for_each_request_and_person(
    client, language, kind, relation, subject, says
):
    client.cookies["language"] = language
    response = client.get(reverse("request_letter"), {"kind": kind, "for": relation})

    assert response.status_code == 200
    page = text(response)
    assert f'<html lang="{language}">' in page
    assert '<article class="letter printable" id="document" lang="fr"' in page
    assert subject in page and says in page
    assert "Madame, Monsieur," in page and "article 12 du règlement général sur la protection des données" in page
    assert "<form" not in page.split('<main id="content"')[1].split("</main>")[0]  # nothing to submit
    assert 'src="/static/js/letter.js"' in page


def test_the_english_page_explains_the_french_letter(english_client):
    page = text(english_client.get(reverse("request_letter")))

    assert "The letter stays in French" in page
    assert "It asks for the space to be closed and its data deleted for good" in page
    assert "Je vous demande de clôturer mon espace" in page


def test_an_unknown_choice_falls_back_to_a_closure_for_yourself(client):
    page = text(client.get(reverse("request_letter"), {"kind": "x", "for": "<script>"}))
    assert "Je vous demande de clôturer mon espace" in page


def test_the_letter_pages_carry_the_headers_and_no_inline_script_or_style(user_client, user, travel):
    case = overdue_closure(user)
    record(case)
    for url in [
        reverse("request_letter"),
        reverse("complaint"),
        reverse("case_request_letter", args=[case.pk]),
        reverse("case_complaint", args=[case.pk]),
        reverse("case_timeline", args=[case.pk]),
        reverse("case_request", args=[case.pk]),
    ]:
        response = user_client.get(url)
        assert response.status_code == 200, url
        assert "default-src 'self'" in response["Content-Security-Policy"]
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert " style=" not in html and "<style" not in html, url
        assert "http://" not in re.sub(r'href="http[^"]*"', "", html).replace("http://www.w3.org", ""), url


def test_a_closure_whose_confirmation_is_overdue_offers_the_letter(user_client, user, travel):
    case = overdue_closure(user)

    page = text(user_client.get(reverse("case_detail", args=[case.pk])))

    assert "Ce délai est passé." in page
    letter_url = reverse("case_request_letter", args=[case.pk])
    assert f'href="{letter_url}">Demander la suppression par écrit</a>' in page
    assert "Par écrit, si le téléphone et le site ne marchent pas" in page

    letter = text(user_client.get(letter_url))
    assert "Le 31 mars 2026, j'ai déjà demandé en ligne la clôture de cet espace" in letter
    assert "Demande de clôture de mon espace" in letter


def test_a_closure_not_yet_overdue_does_not_offer_it(user_client, user, travel):
    case = overdue_closure(user)

    travel.move_to(datetime(2026, 6, 30, 12, tzinfo=PARIS))
    page = text(user_client.get(reverse("case_detail", args=[case.pk])))

    assert "Suppression due au plus tard le 30 juin 2026" in page
    assert "Demander la suppression par écrit" not in page
    assert "Par écrit, si le téléphone et le site ne marchent pas" not in page


def test_an_opposition_letter_for_a_case_names_the_information_letter(user_client, user, travel):
    opened = datetime(2026, 6, 22, 10, tzinfo=PARIS)
    case = open_case(
        user, label="Léa", relation="child", now=opened, sent_on=date(2026, 6, 15), received_on=date(2026, 6, 18)
    )

    page = text(user_client.get(reverse("case_request_letter", args=[case.pk])))

    assert "Je m'oppose, en tant que parent de l'enfant désigné ci-dessous" in page
    assert (
        "Le courrier d'information de l'Assurance Maladie, daté du 15 juin 2026, m'est parvenu le 18 juin 2026." in page
    )
    assert "le délai légal pour s'opposer prend fin le lundi 27 juillet 2026" in page
    assert "C'est vous, son parent, qui faites la démarche pour Léa." in page


def test_recording_the_sending_then_the_delivery(user_client, user, travel):
    case = overdue_closure(user)
    url = reverse("case_request", args=[case.pk])

    form = text(user_client.get(url))
    assert 'value="02/07/2026"' in form and 'value="registered" ' in form.replace("checked", "")
    response = user_client.post(url, {"kind": "closure", "channel": "registered", "sent_on": "2026-07-02"}, follow=True)

    page = text(response)
    assert "C'est noté. Voici les dates de votre demande écrite." in page
    assert "Demande de clôture de l'espace et suppression de ses données, envoyée le 2 juillet 2026" in page
    # One month after sending (Sunday 2 August: the Monday), until delivery is known; the deletion three months after.
    assert 'lundi 3 août 2026 <span class="muted">(estimation)</span>' in page
    assert 'vendredi 2 octobre 2026 <span class="muted">(estimation)</span>' in page

    travel.move_to(datetime(2026, 7, 8, 10, tzinfo=PARIS))
    user_client.post(
        url, {"kind": "closure", "channel": "registered", "sent_on": "2026-07-02", "delivered_on": "2026-07-06"}
    )
    page = text(user_client.get(reverse("case_detail", args=[case.pk])))
    assert "jeudi 6 août 2026" in page and "(estimation)" not in page
    assert "Demande écrite reçue par la caisse le 6 juillet 2026" in page  # the timeline


def test_a_wrong_date_is_shown_on_its_field_and_nothing_is_recorded(user_client, user, travel):
    case = overdue_closure(user)

    response = user_client.post(
        reverse("case_request", args=[case.pk]),
        {"kind": "closure", "channel": "post", "sent_on": "2026-07-02", "delivered_on": "2026-07-01"},
    )

    assert response.status_code == 200
    page = text(response)
    assert "La demande ne peut pas être arrivée avant d'avoir été envoyée." in page
    assert 'href="#id_delivered_on"' in page
    assert not WrittenRequest.objects.exists()


def test_the_form_has_no_field_for_a_name_an_address_or_a_number(user_client, user, travel):
    case = overdue_closure(user)

    page = user_client.get(reverse("case_request", args=[case.pk])).content.decode()
    form = page.split('<form method="post" novalidate>')[1].split("</form>")[0]

    names = set(re.findall(r'name="([^"]+)"', form)) - {"csrfmiddlewaretoken"}
    assert names == {"kind", "channel", "sent_on", "delivered_on", "extension_notified_on", "answer_received_on"}


def test_an_answer_late_sends_the_case_page_and_the_complaint_page_to_the_cnil(user_client, user, travel):
    case = overdue_closure(user)
    record(case)

    travel.move_to(datetime(2026, 8, 4, 10, tzinfo=PARIS))
    page = text(user_client.get(reverse("case_detail", args=[case.pk])))
    assert "Le délai de réponse a pris fin le 3 août 2026, sans réponse : vous pouvez saisir la CNIL." in page
    assert f'href="{reverse("case_complaint", args=[case.pk])}"' in page
    dashboard = text(user_client.get(reverse("dashboard")))
    assert "Demande écrite : sans réponse depuis le 3 août 2026." in dashboard

    complaint = text(user_client.get(reverse("case_complaint", args=[case.pk])))
    assert "Ce délai est passé : vous pouvez saisir la CNIL dès maintenant." in complaint
    assert f'href="{reverse("case_timeline", args=[case.pk])}"' in complaint
    assert "3 Place de Fontenoy" in complaint and "https://www.cnil.fr/fr/plaintes" in complaint
    assert 'value="02/07/2026"' in complaint and 'value="03/08/2026"' in complaint  # dates we know, prefilled
    assert 'a pris fin le <span class="slot is-filled" data-slot="due" data-known>3 août 2026</span>' in complaint
    assert (
        'de clôture de l\'espace « Mon espace santé » <span class="variant" data-when-who="self">dont je suis titulaire'
        in complaint
    )
    assert "d'opposition à la création" not in complaint


def test_the_public_complaint_page_has_every_variant(client):
    page = text(client.get(reverse("complaint")))

    assert "dont je suis titulaire" in page and "de mon enfant" in page
    assert "de clôture de l'espace" in page and "d'opposition à la création" in page
    assert "Aucune réponse n'est parvenue" in page and "la caisse a refusé cette demande" in page


def test_the_timeline_lists_every_date_and_event(user_client, user, travel):
    case = overdue_closure(user)
    record(case)
    services.call_log(case=case, outcome="no_answer", note="ligne occupée", now=OVERDUE)

    page = text(user_client.get(reverse("case_timeline", args=[case.pk])))

    assert "Clôture demandée en ligne le 31 mars 2026" in page
    assert "Demande écrite envoyée le 2 juillet 2026 (courrier recommandé avec avis de réception)" in page
    assert "Réponse due au plus tard le" in page and "3 août 2026 (estimation)" in page
    assert "aucune réponse notée" in page
    assert "Étape faite : Clôturer l'espace et demander la suppression" in page


def test_removing_the_request(user_client, user, travel):
    case = overdue_closure(user)
    record(case)

    response = user_client.post(reverse("case_request", args=[case.pk]), {"action": "delete"}, follow=True)

    assert "Nous ne suivons plus cette demande écrite." in text(response)
    assert not WrittenRequest.objects.exists()
    assert CaseEvent.objects.filter(case=case, kind="request_removed").exists()


def test_another_users_case_is_404_on_every_written_request_page(client, travel):
    case = overdue_closure(UserFactory())
    client.force_login(UserFactory())
    for name in ["case_request", "case_request_letter", "case_complaint", "case_timeline"]:
        assert client.get(reverse(name, args=[case.pk])).status_code == 404, name
    assert client.post(reverse("case_request", args=[case.pk]), {"action": "delete"}).status_code == 404


def test_the_case_page_query_count_stays_the_same_with_a_request(
    user_client, user, travel, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = overdue_closure(user)
    with CaptureQueriesContext(connection) as without:
        user_client.get(reverse("case_detail", args=[case.pk]))
    record(case)
    with django_assert_max_num_queries(len(without.captured_queries)):
        user_client.get(reverse("case_detail", args=[case.pk]))
