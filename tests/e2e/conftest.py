"""Browser tests: pytest-playwright driving Debian's Chromium against a live server.

Playwright never downloads a browser here: it launches /usr/bin/chromium
(`make test` installs it with apt-get when it is missing).

Every axe-core check and every test marked `@pytest.mark.accessibility("<journey>")` is recorded; with
ACCESSIBILITY_RESULTS set to a path (`make test`, `make accessibility`), the run's results are written
there at the end: the accessibility statement reads them (optout/accessibility.py).
"""

import json
import os
from datetime import date
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; the test's own ORM
# calls are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "locale": "fr-FR", "viewport": DESKTOP}


@pytest.fixture
def phone_page(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


#: What this run found, for the accessibility statement: axe's checks, and the marked tests' outcomes.
RECORD = {"checks": [], "journeys": {}, "axe_version": "", "browser": ""}


def _page_of(url: str) -> str:
    """The page's URL pattern (« suivi/demarches/<int:case_id>/ »): the same page whatever its ids."""
    path = urlparse(url).path
    try:
        return "/" + resolve(path).route
    except Resolver404:
        return path


def _record_check(page, response: dict) -> None:
    RECORD["axe_version"] = response.get("testEngine", {}).get("version", "")
    browser = page.context.browser
    if browser is not None:
        RECORD["browser"] = f"{browser.browser_type.name.capitalize()} {browser.version}"
    RECORD["checks"].append(
        {
            "page": _page_of(page.url),
            "language": page.locator("html").get_attribute("lang") or "",
            "print": page.evaluate("matchMedia('print').matches"),
            "width": page.viewport_size["width"] if page.viewport_size else 0,
            "violations": len(response.get("violations", [])),
        }
    )


@pytest.fixture
def assert_accessible(axe):
    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        _record_check(page, results.response)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def axe_check(assert_accessible):
    return assert_accessible


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A test marked `accessibility("<journey>", …)` counts for each journey it names: passed only if every
    test naming it passed."""
    outcome = yield
    report = outcome.get_result()
    marker = item.get_closest_marker("accessibility")
    if marker is None or report.skipped or (report.when != "call" and report.passed):
        return
    for journey in marker.args:
        RECORD["journeys"][journey] = RECORD["journeys"].get(journey, True) and report.passed


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get("ACCESSIBILITY_RESULTS")
    if not path or not RECORD["checks"]:
        return
    head = {
        "run_on": date.today().isoformat(),
        "axe_version": RECORD["axe_version"],
        "browser": RECORD["browser"],
        "journeys": dict(sorted(RECORD["journeys"].items())),
    }
    checks = sorted(RECORD["checks"], key=lambda c: (c["page"], c["language"], c["print"], c["width"]))
    # One check per line: a new run's changes read line by line in a diff.
    lines = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}," for key, value in head.items()]
    lines.append('  "checks": [')
    lines.append(",\n".join(f"    {json.dumps(check, ensure_ascii=False)}" for check in checks))
    lines.append("  ]")
    with open(path, "w", encoding="utf-8") as out:
        out.write("{\n" + "\n".join(lines) + "\n}\n")
