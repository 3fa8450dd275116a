"""Error pages speak our words, in the reader's language, and load nothing from elsewhere."""

import re

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from tests.helpers import text

pytestmark = pytest.mark.django_db


def english_client(**kwargs):
    client = Client(**kwargs)
    client.cookies["language"] = "en"
    return client


@pytest.mark.parametrize(
    ("make_client", "says", "lang"),
    [
        (Client, "Aucune page ne se trouve à cette adresse", "fr"),
        (english_client, "There is no page at this address", "en"),
    ],
)
def test_an_unknown_address_says_so_in_the_readers_language(make_client, says, lang):
    response = make_client().get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert says in text(response)
    assert f'<html lang="{lang}">' in text(response)
    assert "Not Found" not in text(response)


def test_a_form_that_cannot_be_verified_says_nothing_was_saved_and_what_to_do():
    response = Client(enforce_csrf_checks=True).post("/compte/connexion/", {"login": "a@example.org", "password": "x"})

    assert response.status_code == 403
    assert "Rien n'a été enregistré" in text(response)
    assert "rechargez-la" in text(response)
    assert "CSRF" not in text(response)


def test_too_many_attempts_get_a_page_in_our_words_not_allauths():
    client = english_client()
    for _ in range(40):
        response = client.post("/compte/connexion/", {"login": "a@example.org", "password": "wrong-password"})
        if response.status_code == 429:
            break

    assert response.status_code == 429
    assert "Too many requests in a short time. Wait a few minutes, then try again." in text(response)
    assert "429 Too Many Requests" not in text(response)


def test_a_server_error_page_stands_alone_in_both_languages():
    response = server_error(RequestFactory().get("/"))
    html = text(response)

    assert response.status_code == 500
    assert "Erreur du site" in html and "Site error" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from other sites
