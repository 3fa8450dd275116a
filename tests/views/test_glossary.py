"""French terms explained: the glossary page, in plain French and in English, and the first use of each
term on a page linked to its entry."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.helpers import open_case

pytestmark = pytest.mark.django_db

GLOSSARY_LINK = re.compile(r'<a href="/glossaire/#([a-z-]+)" class="glossary-link"( lang="fr")?>([^<]+)</a>')


@pytest.mark.parametrize(
    ("language", "says"),
    [("fr", "Caisse primaire d'assurance maladie"), ("en", "The local fund of most insured people")],
)
def test_the_glossary_explains_each_french_term(client, language, says):
    client.cookies["language"] = language

    html = unescape(client.get(reverse("glossary")).content.decode()).replace("’", "'")

    for key in ("caisse", "cpam", "msa", "section-locale", "departement", "vitale", "assurance-maladie", "parametres"):
        assert f'id="{key}" lang="fr"' in html
    assert says in html
    assert "glossary-link" not in html  # the glossary does not link to itself


def test_a_page_links_the_first_use_of_each_term_and_only_the_first(client):
    html = client.get(reverse("request_letter")).content.decode()

    linked = GLOSSARY_LINK.findall(html)
    keys = [key for key, _lang, _text in linked]
    assert "caisse" in keys and "cpam" in keys
    assert len(keys) == len(set(keys))  # once per page
    assert not re.search(r"<h[1-6][^>]*>[^<]*<a [^>]*glossary-link", html)  # never inside a heading


def test_an_english_page_marks_the_french_term_it_links(client, user_client, user):
    case = open_case(user)
    user.language = "en"
    user.save(update_fields=["language"])

    html = user_client.get(reverse("case_detail", args=[case.pk])).content.decode()

    assert re.search(r'<a href="/glossaire/#vitale" class="glossary-link">Vitale card</a>', html)
    assert '<a href="/glossaire/#assurance-maladie" class="glossary-link" lang="fr">Assurance Maladie</a>' in html
