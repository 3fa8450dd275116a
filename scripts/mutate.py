"""`make mutate`: does a changed rule make a test fail? Mutation testing of the date, action and
reminder core (docs/mutants.md says what it covers and lists the changes no one could notice).

Two kinds of change, each run against the fast tests that state these rules (no browser, no
benchmark, no process), never against the real source tree:

1. mutmut's (configured in pyproject.toml, [tool.mutmut]): every small change of the code of
   the rule modules — `<` for `<=`, `and` for `or`, a number one more or less, a call dropped…
   — in its copy under ./mutants/.
2. Constant nudges (NUDGES below): mutmut leaves module-level constants alone, so each rule
   constant — the line's closing hour, the six weeks, the months, a reminder's days — is moved
   by one unit, in a copy of the project, and the same tests must fail.

Ends with one line, `mutants: N tried, K killed, E equivalent (docs/mutants.md), S survived`, and
exits 1 when S > 0. Killed: a test failed, or the tests ran five times longer than they do on the
real code (mutmut's "timeout": the change made a loop run for ever, which a test would notice as a
hang). Every other outcome — the tests passed, no test runs that code ("no tests"), a crash of the
runner — counts as survived unless docs/mutants.md names it as equivalent.

    python scripts/mutate.py                 # everything (make mutate)
    python scripts/mutate.py --no-mutmut     # the constant nudges only (a minute or two)
    python scripts/mutate.py --no-nudges     # mutmut only
    python scripts/mutate.py --keep          # reuse ./mutants/ (mutmut's cache) instead of starting clean
    python scripts/mutate.py --no-nudges --results   # the figures of the last mutmut run, without running it
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = ROOT / ".venv" / "bin" / "mutmut"
PYTEST = ROOT / ".venv" / "bin" / "pytest"
EQUIVALENT_DOC = ROOT / "docs" / "mutants.md"
#: A mutant or nudge named in docs/mutants.md: `optout.deadlines.x_add_months__mutmut_3`, `nudge:…`.
#: mutmut's verdicts that mean the tests noticed the change.
CAUGHT = {"killed", "timeout"}
NAME = re.compile(r"^- `((?:[\w.ǁ]+__mutmut_\d+)|(?:nudge:[^`]+))`", re.MULTILINE)


@dataclass(frozen=True)
class Nudge:
    """A rule constant moved by one unit: `old` (the whole assignment line) becomes `new`."""

    path: str
    old: str
    new: str
    #: The tests that state this rule (paths for pytest): the fewer, the faster.
    tests: tuple[str, ...] = ("tests/schedule",)

    @property
    def name(self) -> str:
        constant = self.old.split("=")[0].strip().split(":")[0]
        value = self.new.split("=", 1)[1].strip().replace(" ", "")
        return f"nudge:{self.path.rstrip('*').removesuffix('.py').replace('/', '.')}.{constant}={value}"


IDENTIFIER_TESTS = ("tests/services/test_identifier_rules.py",)
LETTER_TESTS = ("tests/deadlines/test_deadlines.py", "tests/deadlines/test_phases.py")
REQUEST_TESTS = ("tests/deadlines/test_requests.py",)

#: Each rule constant, one unit each way where both ways are a different rule. The lines are matched
#: whole: after a constant moves to another file, update its `path` here (the script says which
#: line it could not find).
NUDGES = [
    Nudge("optout/deadlines*", "OPPOSITION_DAYS = 42", "OPPOSITION_DAYS = 43", LETTER_TESTS),
    Nudge("optout/deadlines*", "OPPOSITION_DAYS = 42", "OPPOSITION_DAYS = 41", LETTER_TESTS),
    Nudge("optout/deadlines*", "CLOSURE_CONFIRMATION_MONTHS = 3", "CLOSURE_CONFIRMATION_MONTHS = 4", LETTER_TESTS),
    Nudge("optout/deadlines*", "ARCHIVE_YEARS = 10", "ARCHIVE_YEARS = 11", LETTER_TESTS),
    Nudge("optout/deadlines*", "ANSWER_MONTHS = 1", "ANSWER_MONTHS = 2", REQUEST_TESTS),
    Nudge("optout/deadlines*", "EXTENDED_ANSWER_MONTHS = 3", "EXTENDED_ANSWER_MONTHS = 4", REQUEST_TESTS),
    Nudge("optout/deadlines*", "LINE_OPENS = time(8, 30)", "LINE_OPENS = time(8, 31)", LETTER_TESTS),
    Nudge("optout/deadlines*", "LINE_OPENS = time(8, 30)", "LINE_OPENS = time(8, 29)", LETTER_TESTS),
    Nudge("optout/deadlines*", "LINE_CLOSES = time(17, 0)", "LINE_CLOSES = time(17, 1)", LETTER_TESTS),
    Nudge("optout/deadlines*", "LINE_CLOSES = time(17, 0)", "LINE_CLOSES = time(16, 59)", LETTER_TESTS),
    Nudge(
        "optout/deadlines*",
        "SLOW_DELIVERY_DAYS = 21",
        "SLOW_DELIVERY_DAYS = 22",
        ("tests/deadlines/test_odd_dates.py",),
    ),
    Nudge(
        "optout/deadlines*",
        "SLOW_DELIVERY_DAYS = 21",
        "SLOW_DELIVERY_DAYS = 20",
        ("tests/deadlines/test_odd_dates.py",),
    ),
    Nudge(
        "optout/actions*",
        "ONLINE_UNTIL = time(23, 59)",
        "ONLINE_UNTIL = time(23, 58)",
        ("tests/deadlines/test_actions.py",),
    ),
    Nudge("accounts/preferences*", "DEFAULT_LEAD_DAYS = (7, 2)", "DEFAULT_LEAD_DAYS = (8, 2)"),
    Nudge("accounts/preferences*", "DEFAULT_LEAD_DAYS = (7, 2)", "DEFAULT_LEAD_DAYS = (7, 3)"),
    Nudge("optout/schedule*", "DEFAULT_SEND_HOUR = 9", "DEFAULT_SEND_HOUR = 10"),
    Nudge("optout/schedule*", "CODE_AWAITED_DAYS = 10", "CODE_AWAITED_DAYS = 11"),
    Nudge("optout/schedule*", "CODE_AWAITED_MARGIN = 2", "CODE_AWAITED_MARGIN = 3"),
    Nudge("optout/schedule*", "LATE_LEAD_LINE_DAYS = 2", "LATE_LEAD_LINE_DAYS = 3"),
    Nudge("optout/schedule*", "CALL_TIME_LEFT = timedelta(hours=1)", "CALL_TIME_LEFT = timedelta(minutes=59)"),
    Nudge("optout/schedule*", "CALL_TIME_LEFT = timedelta(hours=1)", "CALL_TIME_LEFT = timedelta(minutes=61)"),
    Nudge("optout/schedule*", "MERGE_WINDOW = timedelta(hours=1)", "MERGE_WINDOW = timedelta(minutes=59)"),
    Nudge("optout/schedule*", "MERGE_WINDOW = timedelta(hours=1)", "MERGE_WINDOW = timedelta(minutes=61)"),
    Nudge("optout/schedule*", "RIGHT_AWAY = timedelta(minutes=1)", "RIGHT_AWAY = timedelta(minutes=2)"),
    Nudge("optout/schedule*", "EARLIEST_LOCAL = time(7)", "EARLIEST_LOCAL = time(8)"),
    Nudge("optout/schedule*", "ANSWER_SOON_DAYS = 3", "ANSWER_SOON_DAYS = 4"),
    Nudge("optout/schedule*", "RETENTION_DAYS = 365", "RETENTION_DAYS = 366"),
    Nudge("optout/schedule*", "RETENTION_NOTICE_DAYS = 14", "RETENTION_NOTICE_DAYS = 15"),
    Nudge("optout/identifiers*", "CODE_LENGTH = 12", "CODE_LENGTH = 13", IDENTIFIER_TESTS),
    Nudge("optout/identifiers*", "CODE_LENGTH = 12", "CODE_LENGTH = 11", IDENTIFIER_TESTS),
    Nudge("optout/identifiers*", "NIR_LENGTH = 15", "NIR_LENGTH = 16", IDENTIFIER_TESTS),
]


def equivalent_names() -> set[str]:
    """The mutants docs/mutants.md explains as equivalent, by name."""
    return set(NAME.findall(EQUIVALENT_DOC.read_text("utf-8"))) if EQUIVALENT_DOC.exists() else set()


def run_mutmut(keep: bool, children: int, run: bool = True) -> dict[str, str]:
    """Run mutmut (unless `run` is False: read its last results); its verdict by mutant name ('killed',
    'survived', 'no tests', 'timeout', 'not checked'…)."""
    if run and not keep:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    if run:
        # mutmut draws a spinner on stdout; its findings are read back below.
        # Each child's tests take a database of their own (tests/conftest.py, django_db_modify_db_settings).
        env = {**os.environ, "OPTOUT_MUTATION_SLOTS": "1"}
        subprocess.run(  # noqa: S603
            [str(MUTMUT), "run", "--max-children", str(children)], cwd=ROOT, stdout=subprocess.DEVNULL, env=env
        )
    listing = subprocess.run(  # noqa: S603
        [str(MUTMUT), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    verdicts = {}
    for line in listing.splitlines():
        name, _, status = line.strip().partition(": ")
        if "__mutmut_" in name:
            verdicts[name] = status
    return verdicts


def _project_copy(into: Path) -> None:
    skip = shutil.ignore_patterns(".venv", ".git", "mutants", "var", "node_modules", "__pycache__", ".hypothesis")
    shutil.copytree(ROOT, into, ignore=skip, dirs_exist_ok=True)


def run_nudges(workers: int = 2) -> dict[str, str]:
    """Each nudge in a copy of the project: 'killed' when its tests fail, else 'survived'.

    `workers` copies at once, each with its own test database and Redis database, each taking
    every `workers`-th nudge."""
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        parts = pool.map(lambda k: _nudges_in_a_copy(NUDGES[k::workers], k), range(workers))
        return {name: verdict for part in parts for name, verdict in part.items()}


def _nudges_in_a_copy(nudges: list[Nudge], worker: int) -> dict[str, str]:
    verdicts = {}
    env = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/optout_nudge_{worker}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{12 + worker}",
    }
    with tempfile.TemporaryDirectory(prefix="nudge-") as tmp:
        copy = Path(tmp)
        _project_copy(copy)
        for nudge in nudges:
            files = [p for p in copy.glob(nudge.path) if p.suffix == ".py"] + list(copy.glob(nudge.path + "/*.py"))
            hits = [p for p in files if re.search(rf"^{re.escape(nudge.old)}$", p.read_text("utf-8"), re.M)]
            if len(hits) != 1:
                print(f"{nudge.name}: the line {nudge.old!r} is not in exactly one {nudge.path} file", file=sys.stderr)
                verdicts[nudge.name] = "line not found"
                continue
            original = hits[0].read_text("utf-8")
            hits[0].write_text(re.sub(rf"^{re.escape(nudge.old)}$", nudge.new, original, flags=re.M), "utf-8")
            try:
                result = subprocess.run(  # noqa: S603
                    [
                        str(PYTEST),
                        *nudge.tests,
                        "-x",
                        "-q",
                        "-p",
                        "no:randomly",
                        "-p",
                        "no:cacheprovider",
                        "--reuse-db",
                    ],
                    cwd=copy,
                    capture_output=True,
                    env=env,
                )
            finally:
                hits[0].write_text(original, "utf-8")
            verdicts[nudge.name] = {1: "killed", 0: "survived"}.get(result.returncode, f"exit {result.returncode}")
            print(f"{nudge.name}: {verdicts[nudge.name]}", file=sys.stderr, flush=True)
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-mutmut", action="store_true")
    parser.add_argument("--no-nudges", action="store_true")
    parser.add_argument("--keep", action="store_true", help="reuse ./mutants/ instead of starting clean")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--results", action="store_true", help="read ./mutants/ from the last (or a stopped) run")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

    started = time.monotonic()
    verdicts: dict[str, str] = {}
    if not args.no_nudges:
        verdicts |= run_nudges()
    if not args.no_mutmut:
        verdicts |= run_mutmut(args.keep, args.max_children, run=not args.results)

    unchecked = sorted(name for name, status in verdicts.items() if status == "not checked")
    verdicts = {name: status for name, status in verdicts.items() if status != "not checked"}
    listed = equivalent_names()
    caught = {name for name, status in verdicts.items() if status in CAUGHT}
    killed = sorted(caught)
    equivalent = sorted(name for name in verdicts if name not in caught and name in listed)
    survived = sorted(name for name in verdicts if name not in caught and name not in listed)
    stale = sorted(name for name in listed if name in caught)
    for name in survived:
        print(f"survived: {name} ({verdicts[name]}); see it with: .venv/bin/mutmut show {name}", file=sys.stderr)
    for name in stale:
        print(f"docs/mutants.md lists {name} as equivalent, but a test kills it now: remove its line", file=sys.stderr)
    if unchecked:
        print(f"{len(unchecked)} mutants not checked (a stopped run): not counted as tried", file=sys.stderr)
    minutes = (time.monotonic() - started) / 60
    print(f"({minutes:.1f} minutes)", file=sys.stderr)
    print(
        f"mutants: {len(verdicts)} tried, {len(killed)} killed, {len(equivalent)} equivalent (docs/mutants.md), "
        f"{len(survived)} survived"
    )
    return 1 if survived or unchecked else 0


if __name__ == "__main__":
    sys.exit(main())
