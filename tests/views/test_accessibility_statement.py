"""The accessibility statement: the RGAA's form, in both languages, every figure from the browser suite's own
results (optout/accessibility_results.json, written by tests/e2e/conftest.py), linked from every page."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from optout.accessibility import RESULTS_FILE, results_from
from tests.helpers import plain, text

pytestmark = pytest.mark.django_db

A_RUN = {
    "run_on": "2026-11-30",
    "axe_version": "9.8.7",
    "browser": "Chromium 999.0",
    "journeys": {"keyboard-sign-up": True, "zoom-200": False},
    "checks": [
        {"page": "/", "language": "fr", "print": False, "width": 1280, "violations": 0},
        {"page": "/", "language": "en", "print": False, "width": 390, "violations": 0},
        {"page": "/calcul/", "language": "fr", "print": True, "width": 1280, "violations": 2},
    ],
}


@pytest.fixture
def a_run(settings, tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps(A_RUN), encoding="utf-8")
    settings.ACCESSIBILITY_RESULTS_FILE = path


def test_the_statement_gives_the_figures_of_the_run_it_reads(client, a_run):
    page = text(client.get(reverse("accessibility")))

    assert "Déclaration d'accessibilité" in page
    assert "est <strong>non conforme</strong> au RGAA 4.1.2 : aucun audit de conformité n'a encore été fait." in page
    assert "Le 30 novembre 2026, l'outil axe-core 9.8.7 a vérifié 2 pages (3 vérifications)" in page
    assert "Langues : anglais, français ; largeurs d'écran : 390, 1280 pixels." in page
    assert "2 erreurs détectées." in page and "<code>/calcul/</code> (2)" in page
    assert "Créer un compte, au clavier seul : <strong>réussi</strong>" in page
    assert "Lire les pages zoomées à 200 %, sans défilement horizontal : <strong>échoué</strong>" in page
    assert "Environnement de test : Chromium 999.0, piloté par Playwright ; axe-core 9.8.7." in page
    for heading in ("État de conformité", "Résultats des tests", "Contenus non accessibles", "Signaler un problème"):
        assert f">{heading}</h2>" in page
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07" in page


def test_the_statement_in_english(english_client, a_run):
    page = text(english_client.get(reverse("accessibility")))

    assert "Accessibility statement" in page
    assert "is <strong>not compliant</strong> with RGAA 4.1.2" in page
    assert "On 30 November 2026, the axe-core 9.8.7 tool checked 2 pages (3 checks)" in page
    assert "Languages: English, French; screen widths: 390, 1280 pixels." in page
    assert "Signing up, with the keyboard alone: <strong>passed</strong>" in page


def test_the_statement_shows_the_committed_results_of_the_suite(client):
    with translation.override("fr"):
        results = results_from(json.loads(RESULTS_FILE.read_text(encoding="utf-8")))
    page = plain(text(client.get(reverse("accessibility"))))

    assert f"a vérifié {results.page_count} pages ({results.checks} vérifications)" in page
    assert f"axe-core {results.axe_version}" in page
    for journey in results.journeys:
        assert f"{plain(journey.label)} : <strong>" in page, journey.label


def test_without_results_the_statement_says_so(client, settings, tmp_path):
    settings.ACCESSIBILITY_RESULTS_FILE = tmp_path / "none.json"
    page = text(client.get(reverse("accessibility")))
    assert "Les tests automatiques n'ont pas encore enregistré de résultats sur cette installation." in page
    assert "non conforme" in page


def test_every_page_links_to_the_statement_with_its_status(client):
    for name in ("home", "calculator", "privacy"):
        page = text(client.get(reverse(name)))
        assert f'<a href="{reverse("accessibility")}">Accessibilité : non conforme</a>' in page
