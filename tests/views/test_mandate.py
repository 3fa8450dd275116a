"""The mandate for a complaint made for another adult: offered where it is needed, built in the browser."""

import re

import pytest
from django.urls import reverse

from optout import services
from optout.services import RequestData
from tests.helpers import NOW, open_case
from tests.helpers import text as html_text

pytestmark = pytest.mark.django_db


def words(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html_text(response)).split())


def document(response) -> str:
    return html_text(response).split('id="document"')[1].split("</article>")[0]


def with_request(case):
    data = RequestData("closure", "registered", NOW.date())
    services.written_request_record(case=case, data=data, now=NOW)
    return case


def test_the_mandate_page_is_a_document_to_fill_in_the_browser_or_by_hand(client):
    response = client.get(reverse("complaint_mandate"))

    assert response.status_code == 200
    page = html_text(response)
    assert "<form" not in page.split('<main id="content"')[1].split("</main>")[0]  # nothing to submit
    assert 'src="/static/js/letter.js"' in page
    assert '<article class="letter printable mandate" id="document" lang="fr"' in page  # French, whatever the page
    mandate = document(response)
    for slot in ("mandant-name", "mandant-address", "helper-name", "helper-address", "caisse-name", "place", "date"):
        assert f'data-slot="{slot}"' in mandate
    said = words(response)
    assert "je donne mandat à" in said and "pour adresser en mon nom à la Commission nationale" in said
    assert "de clôture de mon espace « Mon espace santé »" in said and "d'opposition à la création" in said
    assert "La personne qui donne mandat" in said and "La personne mandatée, qui accepte le mandat" in said
    assert "https://cnil.fr/fr/node/166989" in page  # the CNIL's page that asks for it


def test_for_another_adults_case_the_complaint_offers_the_mandate_and_says_it(client, user):
    case = with_request(open_case(user, route="closure", label="Maman", relation="adult"))
    client.force_login(user)

    response = client.get(reverse("case_complaint", args=[case.pk]))

    said = words(response)
    mandate_url = reverse("case_complaint_mandate", args=[case.pk])
    assert "La demande écrite est celle de Maman. Pour saisir la CNIL à sa place, il vous faut son mandat signé" in said
    assert f'href="{mandate_url}"' in html_text(response)
    assert "le mandat signé par Maman, que la CNIL demande" in said
    text = words_of(document(response))
    assert "Je vous saisis pour le compte de" in text and "qui m'a donné mandat pour cette plainte" in text
    assert "a adressé à" in text and "j'ai adressé" not in text
    assert "de l'espace « Mon espace santé » à son nom" in text and "dont je suis titulaire" not in text
    assert "le mandat signé, et la chronologie des démarches" in text
    assert 'id="f-person-name"' in html_text(response)

    mandate = client.get(mandate_url)
    assert mandate.status_code == 200
    assert "de clôture de mon espace" in words(mandate) and "d'opposition à la création" not in words(mandate)


@pytest.mark.parametrize("relation", ["self", "child", "represented"])
def test_no_mandate_when_you_complain_for_yourself_your_child_or_whom_you_represent(client, user, relation):
    label = "Moi" if relation == "self" else "Léa"
    case = with_request(open_case(user, route="closure", label=label, relation=relation))
    client.force_login(user)

    response = client.get(reverse("case_complaint", args=[case.pk]))

    said = words(response)
    assert "mandat" not in said.split("Sources officielles")[0]  # the sources, under it, name the CNIL's page
    assert "j'ai adressé" in words_of(document(response))


def test_the_public_complaint_page_offers_it_as_a_condition(client):
    response = client.get(reverse("complaint"))

    said = words(response)
    assert (
        "si vous agissez pour un proche majeur que vous ne représentez pas légalement : un mandat signé par cette "
        "personne, que la CNIL demande ( à préparer ici )"
    ) in said
    assert f'href="{reverse("complaint_mandate")}"' in html_text(response)
    assert 'value="adult" data-toggles="who"' in html_text(response)


def words_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
