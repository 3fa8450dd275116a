"""The accessibility statement's figures: read from the browser suite's own results, never typed by hand.

The browser tests (tests/e2e/conftest.py) record each axe-core check they run (the page, its language,
screen or print, the width, the violations found) and the outcome of each test marked
`@pytest.mark.accessibility("<journey>")` (keyboard-only journeys, no keyboard trap, 200 % zoom, reduced
motion, what screen readers read). With ACCESSIBILITY_RESULTS set (`make test`, `make accessibility`) they
write them to `optout/accessibility_results.json`, which is committed: the statement says what the last run
found, on the date it ran. tests/project/test_accessibility_results.py checks that the file covers every page
the axe suite lists and every journey the tests declare.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

RESULTS_FILE = Path(__file__).resolve().parent / "accessibility_results.json"

#: The RGAA version the statement refers to (no audit against it yet: « non conforme »).
RGAA_VERSION = "4.1.2"

#: What each journey the tests mark is, in the statement's words (the keys are the markers').
JOURNEYS = {
    "keyboard-sign-up": _("Créer un compte, au clavier seul"),
    "keyboard-new-case": _("Commencer une démarche, au clavier seul"),
    "keyboard-tick-a-step": _("Cocher une étape, au clavier seul"),
    "keyboard-print": _("Imprimer la fiche d'une démarche, au clavier seul"),
    "no-keyboard-trap": _("Parcourir chaque page avec la touche Tab jusqu'au bout, sans piège, le focus visible"),
    "zoom-200": _("Lire les pages zoomées à 200 %, sans défilement horizontal"),
    "reduced-motion": _("Aucune animation quand le système demande de réduire les mouvements"),
    "screen-reader-order": _(
        "La prochaine action, le compte à rebours et l'image des dates lus dans l'ordre par un lecteur d'écran "
        "(arbre d'accessibilité de Chromium)"
    ),
}


@dataclass(frozen=True)
class Journey:
    key: str
    label: str
    passed: bool


@dataclass(frozen=True)
class Results:
    run_on: date
    axe_version: str
    browser: str
    #: axe-core runs, and the distinct pages (URL patterns) they covered.
    checks: int
    pages: tuple[str, ...]
    violations: int
    #: Pages where axe found something, with how many.
    failing_pages: tuple[tuple[str, int], ...]
    languages: tuple[str, ...]
    widths: tuple[int, ...]
    printed: bool
    journeys: tuple[Journey, ...]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def language_names(self) -> str:
        """« anglais, français » in the active language (French names its languages in lower case)."""
        names = [str(get_language_info(code)["name_translated"]) for code in self.languages]
        if (get_language() or "fr").startswith("fr"):
            names = [name[:1].lower() + name[1:] for name in names]
        return ", ".join(names)

    @property
    def journeys_passed(self) -> int:
        return sum(1 for journey in self.journeys if journey.passed)


def results_from(data: dict) -> Results:
    checks = data["checks"]
    by_page: dict[str, int] = {}
    for check in checks:
        by_page[check["page"]] = by_page.get(check["page"], 0) + check["violations"]
    recorded = data.get("journeys", {})
    return Results(
        run_on=date.fromisoformat(data["run_on"]),
        axe_version=data["axe_version"],
        browser=data["browser"],
        checks=len(checks),
        pages=tuple(sorted(by_page)),
        violations=sum(by_page.values()),
        failing_pages=tuple((page, count) for page, count in sorted(by_page.items()) if count),
        languages=tuple(sorted({check["language"] for check in checks})),
        widths=tuple(sorted({check["width"] for check in checks})),
        printed=any(check["print"] for check in checks),
        journeys=tuple(
            Journey(key, str(label), bool(recorded[key])) for key, label in JOURNEYS.items() if key in recorded
        ),
    )


def latest_results() -> Results | None:
    """The last recorded run, or None when there is none (a fresh checkout before `make accessibility`)."""
    path = Path(getattr(settings, "ACCESSIBILITY_RESULTS_FILE", RESULTS_FILE))
    if not path.exists():
        return None
    return results_from(json.loads(path.read_text(encoding="utf-8")))
