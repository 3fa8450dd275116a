"""What the letter to the caisse says about where it goes, and how it names a legal representative."""

import re

import pytest
from django.urls import reverse

from tests.helpers import open_case
from tests.helpers import text as html_text

pytestmark = pytest.mark.django_db

ADDRESSEE = {
    "closure": (
        "Je vous adresse cette demande, à l'attention de votre délégué à la protection des données, afin que vous la "
        "traitiez ou que vous la transmettiez à l'opérateur de l'espace, la Caisse nationale de l'assurance maladie "
        "(article R1111-26 du code de la santé publique), auprès duquel l'article R1111-36 du même code permet de la "
        "formuler."
    ),
    "opposition": (
        "Je vous adresse cette opposition, à l'attention de votre délégué à la protection des données, afin que vous "
        "la traitiez ou que vous la transmettiez à l'opérateur de l'espace, la Caisse nationale de l'assurance "
        "maladie (article R1111-26 du code de la santé publique)."
    ),
}


def document(client, **query) -> str:
    page = html_text(client.get(reverse("request_letter"), query))
    return page.split('id="document"')[1].split("</article>")[0]


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("relation", ["self", "child", "represented"])
@pytest.mark.parametrize("kind", ["closure", "opposition"])
def test_the_letter_goes_to_the_caisse_for_its_data_protection_officer_to_act_or_forward(client, kind, relation):
    letter = document(client, kind=kind, **{"for": relation})

    head = words(letter.split('class="letter__to"')[1].split("</p>")[0])
    assert head.startswith(">À l'attention du délégué à la protection des données")
    paragraphs = re.findall(r"<p data-email>(.*?)</p>", letter, re.DOTALL)
    assert [p for p in paragraphs if "délégué" in p] == [ADDRESSEE[kind]]  # one sentence, in the email too
    assert "auprès de son opérateur" not in letter


def test_a_legal_representative_chooses_representant_or_representante(client):
    page = html_text(client.get(reverse("request_letter"), {"kind": "closure", "for": "represented"}))

    assert 'id="f-gender-m" value="m" data-toggles="gender"' in page
    assert 'id="f-gender-f" value="f" data-toggles="gender"' in page
    assert "checked" not in page.split('class="mb-3 representative-choice"')[1].split("</fieldset>")[0]
    assert (
        'en tant que <span class="variant" data-when-gender="m">représentant légal</span>'
        '<span class="variant" data-when-gender="f">représentante légale</span> de la personne désignée'
    ) in page


@pytest.mark.parametrize("relation", ["self", "child"])
def test_no_such_choice_when_no_representative_writes(client, relation):
    page = html_text(client.get(reverse("request_letter"), {"kind": "closure", "for": relation}))

    assert "representative-choice" not in page and "data-when-gender" not in page


def test_the_complaint_names_the_representative_as_chosen(client):
    page = html_text(client.get(reverse("complaint")))

    assert 'id="f-gender-f" value="f" data-toggles="gender"' in page
    assert (
        'de la personne dont je suis <span class="variant" data-when-gender="m">le représentant légal</span>'
        '<span class="variant" data-when-gender="f">la représentante légale</span>'
    ) in page


REOPENING = (
    "Après une clôture, un nouvel espace peut être demandé à tout moment : les données archivées y sont alors "
    "versées, sauf si elles ont été supprimées (article R1111-36 du Code de la santé publique)."
)


def said(response) -> str:
    return words(html_text(response))


@pytest.mark.parametrize("kind", ["closure", "opposition"])
def test_where_deletion_is_offered_the_page_says_a_new_space_gets_the_archived_data_back(client, kind):
    assert REOPENING in said(client.get(reverse("request_letter"), {"kind": kind}))


def test_the_complaint_page_says_it_too(client):
    assert REOPENING in said(client.get(reverse("complaint")))


def test_the_page_recording_a_written_request_says_it_for_a_closure_only(client, user):
    client.force_login(user)
    closure = open_case(user, route="closure")
    opposition = open_case(user, route="phone", label="Léa", relation="child")

    assert REOPENING in said(client.get(reverse("case_request", args=[closure.pk])))
    assert REOPENING not in said(client.get(reverse("case_request", args=[opposition.pk])))
