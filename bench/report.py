"""The benchmark report: ratios against their goals, the machine, one section per measurement."""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import Stack

GOALS = {
    "dispatch_vs_raw_smtp": (">=", 0.8),
    "dispatch_two_vs_raw_two": (">=", 0.8),
    "burst_20k_vs_raw_smtp": (">=", 0.7),
    "burst_with_clicks_vs_raw_smtp": (">=", 0.6),
    "clicks_p95_burst_vs_idle": ("<=", 2.0),
    "claim_1m_vs_10k": ("<=", 1.5),
    "dashboard_vs_bare": (">=", 0.5),
    "case_vs_bare": (">=", 0.5),
    # A floor, not a goal: the case page's queries and template alone take more than 0.5 allows
    # (README, "Benchmarks"); the ratio must not fall below it in any run.
    "write_vs_bare": (">=", 0.2),
    "dispatcher_rss_10k_vs_1k": ("<=", 1.3),
    "resync_100k_vs_10k": ("<=", 1.2),
}
#: Ratios whose goal holds only if every run meets it, not only the median.
EVERY_RUN = {"resync_100k_vs_10k", "write_vs_bare"}
#: A second run right after the first should give every ratio within this much of it.
REPEAT_TOLERANCE = 0.10


@dataclass
class Report:
    sections: list[str] = field(default_factory=list)
    runs: dict[str, list[float]] = field(default_factory=dict)
    figures: dict[str, list[float]] = field(default_factory=dict)
    idle: str = ""
    previous: dict[str, float] = field(default_factory=dict)
    size: str = "full"
    command: str = "python -m bench.run"
    #: The ratios of the same benchmarks at the first rounds' larger sizes (bench/RESULTS-large.md).
    other_size: dict[str, float] = field(default_factory=dict)

    def add(self, title: str, body: str) -> None:
        self.sections.append(f"## {title}\n\n{body.strip()}\n")

    def ratio(self, name: str, values: list[float]) -> None:
        """A ratio from its runs (one value per interleaved round): the median is kept."""
        self.runs[name] = list(values)

    def figure(self, name: str, values: list[float]) -> None:
        """A figure printed beside the ratios, for information (no goal)."""
        self.figures[name] = list(values)

    @property
    def ratios(self) -> dict[str, float]:
        return {name: statistics.median(values) for name, values in self.runs.items()}


def previous_ratios(path: Path) -> dict[str, float]:
    """The ratios of the results file about to be replaced, to compare the new run with."""
    if not path.exists():
        return {}
    return {m[1]: float(m[2]) for m in re.finditer(r"^ratio (\w+): ([\d.]+)", path.read_text(), re.MULTILINE)}


def commands_block(stack: Stack) -> str:
    return "Commands:\n\n```\n" + "\n".join(stack.commands) + "\n```\n"


def machine() -> str:
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        match = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = match.group(1) if match else ""
    memory = ""
    if Path("/proc/meminfo").exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"- {os.cpu_count()} cores ({cpu}), {memory} of memory\n"
        f"- {platform.platform()}, Python {platform.python_version()}, {pg}\n"
    )


def meets(name: str, value: float) -> bool:
    op, goal = GOALS[name]
    return value >= goal if op == ">=" else value <= goal


def verdict(name: str, values: list[float]) -> str:
    if name not in GOALS:
        return "for information"
    op, goal = GOALS[name]
    if name in EVERY_RUN:
        return f"goal {op} {goal} in every run: {'met' if all(meets(name, v) for v in values) else 'MISSED'}"
    return f"goal {op} {goal}: {'met' if meets(name, statistics.median(values)) else 'MISSED'}"


def runs(values: list) -> str:
    return f"{len(values)} run{'s' if len(values) != 1 else ''}"


def ratio_line(name: str, values: list[float], previous: float | None) -> str:
    median = statistics.median(values)
    parts = [f"spread {min(values):.3f}–{max(values):.3f} over {runs(values)}", verdict(name, values)]
    if previous:
        change = median / previous - 1
        within = "within" if abs(change) <= REPEAT_TOLERANCE else "NOT within"
        parts.append(f"previous run {previous:.3f}, {change:+.1%}, {within} {REPEAT_TOLERANCE:.0%}")
    return f"ratio {name}: {median:.3f} ({'; '.join(parts)})"


#: Written by bench/tricks.py, not by a full run: kept as it is when the rest is rewritten.
TRICKS_TITLE = "## Speed tricks: with and without"
#: Measured by hand too (its commands in it), and kept when a run rewrites the file.
PREPARED_TITLE = "## Prepared statements: with and without"


def section(text: str, title: str) -> str:
    """The section of a results file under `title`, up to the next one ("" if absent)."""
    if title not in text:
        return ""
    rest = text.split(title, 1)[1]
    return title + rest.split("\n## ", 1)[0].rstrip("\n") + "\n"


def write_section(out: Path, title: str, body: str) -> None:
    """Put `body` (starting with `title`) in place of that section, or at the end."""
    text = out.read_text() if out.exists() else "# Benchmark results\n"
    old = section(text, title)
    text = text.replace(old, body) if old else text.rstrip("\n") + "\n\n" + body
    out.write_text(text)


#: The ratios of the benchmarks that `make bench` runs smaller than the first rounds did (bench/run.py, LARGE).
RESIZED = (
    "dispatch_vs_raw_smtp",
    "dispatch_two_vs_raw_two",
    "dispatch_two_processes_vs_raw_smtp",
    "burst_20k_vs_raw_smtp",
    "dashboard_vs_bare",
    "case_vs_bare",
    "write_vs_bare",
    "resync_100k_vs_10k",
)
LARGE_INTRO = """The larger sizes of the first rounds of benchmarks (5,000 emails per dispatch run, wrk 10 s per page,
10,000 and 100,000 cases re-synced, a raw-loop yardstick of 5,000 emails), against which
[`RESULTS.md`](RESULTS.md) shows that its smaller sizes give the same ratios.
"""


def sizes_lines(report: Report) -> list[str]:
    """Each ratio beside its value at the larger sizes of the first rounds, when they were measured."""
    shared = [name for name in RESIZED if name in report.runs and name in report.other_size]
    if not shared:
        return []
    lines = [
        "## Sizes",
        "",
        "Some benchmarks now run at smaller sizes than in the first rounds (fewer emails per dispatch",
        "run, shorter wrk runs, fewer cases to re-sync), where the ratio does not depend on the size.",
        "The ratio at both sizes: this run, and the larger sizes' (`python -m bench.run --size large`,",
        "[`RESULTS-large.md`](RESULTS-large.md); compare the dates and how idle the machine was):",
        "",
    ]
    for name in shared:
        here, there = report.ratios[name], report.other_size[name]
        lines.append(f"size {name}: {here:.3f} here, {there:.3f} at the larger sizes ({here / there - 1:+.1%})")
    return [*lines, ""]


def write(report: Report, out: Path, started: float) -> None:
    text = out.read_text() if out.exists() else ""
    kept = "\n".join(part for part in (section(text, TRICKS_TITLE), section(text, PREPARED_TITLE)) if part)
    lines = [
        "# Benchmark results" + (" at the larger sizes" if report.size == "large" else ""),
        "",
        *([LARGE_INTRO] if report.size == "large" else []),
        f"Written by `{report.command}` ({report.size} sizes"
        f"{'; `make bench`' if report.size == 'full' else ''}) on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, in {time.monotonic() - started:.0f} s, on:",
        "",
        machine(),
        report.idle,
        "",
        "## Ratios",
        "",
        "Each ratio is the median of several interleaved runs (one value per run, our code and its",
        "yardstick measured back to back), with their spread; the previous results file, when there",
        "was one, is compared with.",
        "",
        *[ratio_line(name, values, report.previous.get(name)) for name, values in report.runs.items()],
        "",
        *[
            f"{name}: {statistics.median(values):.1f} (spread {min(values):.1f}–{max(values):.1f} "
            f"over {runs(values)}; for information)"
            for name, values in report.figures.items()
        ],
        "",
        *sizes_lines(report),
        *report.sections,
        *([kept] if kept else []),
    ]
    out.write_text("\n".join(lines))


def listed(values, fmt="{:,.0f}") -> str:
    return ", ".join(fmt.format(v) for v in values)


def ratios(tops, bottoms) -> list[float]:
    """One ratio per round: each measurement against its yardstick taken in the same round."""
    return [top / bottom for top, bottom in zip(tops, bottoms, strict=True)]
