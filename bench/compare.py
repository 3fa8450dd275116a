"""Two versions' benchmarks side by side on this machine, turn by turn: `python -m bench.compare REV`.

For a change that should leave the speed as it was (code moved, renamed, split): the benchmarks of
REV (a commit before the change) and of the working tree run one after the other, `--turns` times
each, at the full sizes, and bench/COMPARE.md gets each ratio for both and how far apart they are
(within 10 %: unchanged). Each version is measured by its own benchmark code, as it was written;
`RUNNER` only finds its step functions (in bench/run.py before they had modules of their own) and
gives them today's sizes. Only the steps whose functions both versions have: pages and dispatch.

    .venv/bin/python -m bench.compare 82731d5 --only pages --turns 2 --rounds 3

Nothing else may run meanwhile: both versions share the two cores, one after the other.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import PYTHON, ROOT
from bench.run import FULL

STEPS = ("pages", "dispatch")

#: Run in a version's own tree: its step function, its own harness; prints the ratios as JSON.
RUNNER = r"""
import importlib, inspect, json, sys
sys.path.insert(0, ".")
step, rounds, sizes = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])

def find(name):
    for module in (f"bench.{step}", "bench.run"):
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if found:
            return found
    raise SystemExit(f"{name}: not in this version")

class Ratios:
    runs = {}
    def ratio(self, name, values):
        self.runs[name] = list(values)
    def __getattr__(self, name):  # the report's other parts: not compared
        return lambda *args, **kwargs: None

report = Ratios()
if step == "pages":
    run = find("bench_pages")
    if "sizes" in inspect.signature(run).parameters:
        run(report, sizes, rounds)
    else:  # before 4 December 2026
        run(report, sizes["pages_users"], sizes["pages_cases_per_user"], sizes["wrk_seconds"], rounds)
else:
    find("bench_dispatch")(report, sizes["dispatch"], rounds)
print(json.dumps(report.runs))
"""


def worktree(rev: str) -> Path:
    """REV checked out beside this one, with this one's virtualenv and its compiled catalogues."""
    path = Path(tempfile.mkdtemp(prefix="bench-compare-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(path), rev], cwd=ROOT, check=True, capture_output=True)
    (path / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run([PYTHON, "manage.py", "compilemessages", "--ignore=.venv", "-v0"], cwd=path, check=True)
    return path


def measure(tree: Path, step: str, rounds: int) -> dict[str, list[float]]:
    sizes = {**FULL, "breakdown_repeats": 20}  # the in-process breakdown is not compared: kept short
    done = subprocess.run(
        [PYTHON, "-c", RUNNER, step, str(rounds), json.dumps(sizes)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{tree}: {step} failed\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rev: str, results: dict[str, list[dict]]) -> str:
    """One row per ratio: each turn's median for REV and for the working tree, and the change."""
    rows = ["| ratio | " + rev + " (each turn) | working tree (each turn) | change |", "|---|---|---|---:|"]
    names = [name for name in results["rev"][0] if name in results["tree"][0]]
    for name in names:
        old = [statistics.median(turn[name]) for turn in results["rev"]]
        new = [statistics.median(turn[name]) for turn in results["tree"]]
        change = statistics.median(new) / statistics.median(old) - 1
        rows.append(f"| {name} | {_listed(old)} | {_listed(new)} | {change:+.1%} |")
    return "\n".join(rows)


def _short(name: str) -> str:
    found = subprocess.run(["git", "rev-parse", "--short", name], cwd=ROOT, capture_output=True, text=True, check=True)
    return found.stdout.strip()


def _listed(values: list[float]) -> str:
    return ", ".join(f"{value:.3f}" for value in values)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="A past commit's benchmarks and the working tree's, turn by turn.")
    parser.add_argument("rev", help="the commit to compare with (before the change)")
    parser.add_argument("--only", nargs="+", choices=STEPS, default=list(STEPS))
    parser.add_argument("--turns", type=int, default=2, help="how many times each version runs (alternately)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds within each run (medians kept)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "COMPARE.md")
    args = parser.parse_args(argv)
    head, rev = (_short(name) for name in ("HEAD", args.rev))
    started = time.monotonic()
    other = worktree(rev)
    sections = []
    try:
        for step in args.only:
            results: dict[str, list[dict]] = {"rev": [], "tree": []}
            for turn in range(args.turns):
                for side, tree in (("rev", other), ("tree", ROOT)):
                    print(f"compare: {step}, turn {turn + 1}, {side} ({time.monotonic() - started:.0f} s)", flush=True)
                    results[side].append(measure(tree, step, args.rounds))
            sections.append(f"## {step}\n\n{table(rev, results)}\n")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=False)
    minutes = (time.monotonic() - started) / 60
    args.out.write_text(
        f"# {rev} against the working tree (on {head})\n\n"
        f"`python -m bench.compare {' '.join(argv if argv is not None else sys.argv[1:])}`, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {minutes:.1f} minutes. Each version measured by its own "
        f"benchmark code at today's full sizes, {args.turns} turns each, alternately, {args.rounds} rounds a "
        "turn; a turn's figure is the median of its rounds. Change: the working tree's median against "
        f"{rev}'s (within 10 %: unchanged).\n\n" + "\n".join(sections)
    )
    print(f"compare: wrote {args.out} in {minutes:.1f} minutes")


if __name__ == "__main__":
    main()
