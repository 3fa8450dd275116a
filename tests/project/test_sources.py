"""Every source says what it is and links to it; every claim of the home page names its sources."""

import re

import pytest
from django.urls import reverse

from optout.sources import LEGIFRANCE_ARTICLE, LEGIFRANCE_CSP, SOURCES, VERIFIED_ARTICLES
from tests.helpers import text


@pytest.mark.parametrize("source", SOURCES.values(), ids=lambda source: source.key)
def test_every_article_link_goes_to_the_article_it_names(source):
    if source.article:
        assert str(source.label).startswith(f"Code de la santé publique, article {source.article}\u202f:")
        verified = VERIFIED_ARTICLES.get(source.article)
        assert source.url == (LEGIFRANCE_ARTICLE.format(verified) if verified else LEGIFRANCE_CSP)
    else:
        assert source.url != LEGIFRANCE_CSP  # the code's root only ever stands for an article it names
    assert source.url == "" or source.url.startswith("https://")


def test_closure_at_any_time_is_cited_to_the_article_that_says_it():
    # R1111-33 is about minors' confidentiality: it says nothing about closing the space.
    assert not any(source.article == "R1111-33" for source in SOURCES.values())
    assert "à tout moment" in str(SOURCES["R1111-36"].label)


@pytest.mark.django_db
def test_every_claim_of_the_home_page_names_its_sources(client):
    html = text(client.get(reverse("home")))
    listed = set(re.findall(r'<li id="source-([\w-]+)">', html))
    sections = re.findall(r'<section class="section" aria-labelledby="([\w-]+)">(.*?)</section>', html, re.S)

    cited = set()
    for name, body in sections:
        if name in ("privacy", "sources"):  # what we keep is about us; the list itself
            continue
        claims = re.findall(r"<(?:p|li)[ >]", body)
        cites = re.findall(r'<p class="cite">(.*?)</p>', body, re.S)
        assert cites, f"section {name} has no source"
        for cite in cites:
            cited |= set(re.findall(r'href="#source-([\w-]+)"', cite))
        assert claims
    assert cited and cited <= listed
