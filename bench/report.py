"""The benchmark report: ratios against their goals, the machine, one section per measurement."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import Stack

GOALS = {
    "dispatch_vs_raw_smtp": (">=", 0.8),
    "claim_1m_vs_10k": ("<=", 1.5),
    "dashboard_vs_bare": (">=", 0.5),
    "case_vs_bare": (">=", 0.5),
    "dispatcher_rss_10k_vs_1k": ("<=", 1.3),
    "resync_100k_vs_10k": ("<=", 1.2),
}


@dataclass
class Report:
    sections: list[str] = field(default_factory=list)
    ratios: dict[str, float] = field(default_factory=dict)

    def add(self, title: str, body: str) -> None:
        self.sections.append(f"## {title}\n\n{body.strip()}\n")

    def ratio(self, name: str, value: float) -> None:
        self.ratios[name] = value


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


def verdict(name: str, value: float) -> str:
    if name not in GOALS:
        return "(for information)"
    op, goal = GOALS[name]
    met = value >= goal if op == ">=" else value <= goal
    return f"(goal {op} {goal}: {'met' if met else 'MISSED'})"


def write(report: Report, out: Path, tiny: bool, started: float) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{'python -m bench.run --tiny' if tiny else 'make bench'}` on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, in {time.monotonic() - started:.0f} s, from one run on:",
        "",
        machine(),
        "## Ratios",
        "",
        *[f"ratio {name}: {value:.3f} {verdict(name, value)}" for name, value in report.ratios.items()],
        "",
        *report.sections,
    ]
    out.write_text("\n".join(lines))
