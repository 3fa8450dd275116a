"""The accessibility statement's figures are the suite's own: the committed results file
(optout/accessibility_results.json) was written by the browser tests (tests/e2e/conftest.py), covers every
page the axe suite lists, in both languages, and every journey the tests declare — and the statement names no
journey that no test checks."""

import json
import re
from pathlib import Path

from django.urls import resolve, reverse

from optout.accessibility import JOURNEYS, RESULTS_FILE
from tests.e2e.test_accessibility import PUBLIC, SIGNED_IN

E2E = Path(__file__).resolve().parents[1] / "e2e"
MARKED = re.compile(r"@pytest\.mark\.accessibility\(([^)]*)\)")


def declared_journeys() -> set[str]:
    found = set()
    for path in E2E.glob("test_*.py"):
        for args in MARKED.findall(path.read_text(encoding="utf-8")):
            found |= set(re.findall(r'"([^"]+)"', args))
    return found


def committed() -> dict:
    return json.loads(RESULTS_FILE.read_text(encoding="utf-8"))


def test_every_journey_the_statement_names_is_one_a_browser_test_checks():
    assert declared_journeys() == set(JOURNEYS)


def test_the_committed_results_cover_every_declared_journey_and_every_page_in_both_languages():
    results = committed()
    assert set(results["journeys"]) == set(JOURNEYS)
    checked = {(check["page"], check["language"]) for check in results["checks"]}
    for name in PUBLIC + SIGNED_IN:
        page = "/" + resolve(reverse(name)).route
        assert {(page, "fr"), (page, "en")} <= checked, page
    assert results["axe_version"] and results["browser"].startswith("Chromium")


def test_each_check_says_what_was_checked():
    for check in committed()["checks"]:
        assert set(check) == {"page", "language", "print", "width", "violations"}
        assert check["page"].startswith("/") and check["language"] in ("fr", "en")
