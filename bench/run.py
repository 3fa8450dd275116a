"""Run every benchmark and write the results: `python -m bench.run [--tiny] [--out FILE]`.

`make bench` runs the full sizes and writes bench/RESULTS.md. `make test` runs the
tiny sizes (a few hundred rows) only to check that every benchmark still runs and
produces numbers; nothing there is about speed. Ratios compare our code with the
limit of our own stack measured in the same run, because absolute times on a
shared machine mean little.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.burst import bench_burst
from bench.data import bench_memory, bench_resync
from bench.dispatch import bench_claim, bench_dispatch
from bench.harness import ROOT, wait_until_idle
from bench.pages import bench_pages
from bench.report import Report, previous_ratios, write

#: The sizes of `make bench`. Smaller than the first rounds' (LARGE) where the ratio does not change
#: with the size: `python -m bench.run --size large` measures those at the old sizes into
#: bench/RESULTS-large.md, and every full run shows both side by side.
FULL = {
    "rounds": 5,
    "dispatch": 2_000,
    "burst": 10_000,
    "burst_yardstick": 3_000,
    "clicks_rate": 20,
    "clicks_idle_seconds": 20,
    "claim": (10_000, 1_000_000),
    "pages_users": 3_000,
    "pages_cases_per_user": 5,
    "wrk_seconds": 4,
    "breakdown_repeats": 200,
    "memory": (500, 5_000),
    "resync": (2_000, 20_000),
    "idle_wait": 300,
}
#: The sizes of the first two rounds of benchmarks (a 29-minute run).
LARGE = {
    **FULL,
    "dispatch": 5_000,
    "burst": 20_000,
    "burst_yardstick": 5_000,
    "pages_users": 10_000,
    "wrk_seconds": 10,
    "memory": (1_000, 10_000),
    "resync": (10_000, 100_000),
}
#: For working on a benchmark: minutes, not the full run.
SMALL = {
    **FULL,
    "rounds": 3,
    "dispatch": 1_000,
    "burst": 4_000,
    "burst_yardstick": 1_000,
    "clicks_idle_seconds": 10,
    "claim": (2_000, 100_000),
    "pages_users": 1_000,
    "wrk_seconds": 3,
    "breakdown_repeats": 50,
    "memory": (500, 2_000),
    "resync": (1_000, 10_000),
    "idle_wait": 0,
}
#: `make test`: a few hundred rows, only to check that everything runs.
TINY = {
    "rounds": 1,
    "dispatch": 100,
    "burst": 200,
    "burst_yardstick": 100,
    "clicks_rate": 5,
    "clicks_idle_seconds": 2,
    "claim": (600, 2_000),
    "pages_users": 20,
    "pages_cases_per_user": 5,
    "wrk_seconds": 2,
    "breakdown_repeats": 3,
    "memory": (100, 300),
    "resync": (100, 300),
    "idle_wait": 0,
}
#: The benchmarks, in the order they run; `--only NAME…` runs some of them.
STEPS = ("dispatch", "burst", "claim", "pages", "memory", "resync")
SIZES = {"tiny": TINY, "small": SMALL, "full": FULL, "large": LARGE}
#: Where each size writes its results by default.
OUT = {"full": ROOT / "bench" / "RESULTS.md", "large": ROOT / "bench" / "RESULTS-large.md"}


def main(argv=None) -> Report:
    parser = argparse.ArgumentParser(description="Run the benchmarks and write their results.")
    parser.add_argument("--size", choices=SIZES, default="full", help="full: `make bench`; small: for working on one")
    parser.add_argument("--tiny", action="store_true", help="the same as --size tiny: checks that everything runs")
    parser.add_argument("--out", type=Path, help="bench/RESULTS.md (full), bench/RESULTS-large.md (large)")
    parser.add_argument("--only", nargs="+", choices=STEPS, metavar="NAME", help=f"only these: {', '.join(STEPS)}")
    argv = sys.argv[1:] if argv is None else list(argv)
    parser.add_argument("--rounds", type=int, help="fewer or more rounds than the size says (full: 5)")
    parser.add_argument("--idle-wait", type=float, help="seconds to wait for an idle machine (full: 300)")
    args = parser.parse_args(argv)
    size = "tiny" if args.tiny else args.size
    sizes = SIZES[size]
    out = args.out or OUT.get(size) or ROOT / "var" / f"bench-{size}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    rounds = args.rounds or sizes["rounds"]
    started = time.monotonic()
    report = Report(previous=previous_ratios(out), size=size, command=" ".join(["python -m bench.run", *argv]))
    if size == "full":
        report.other_size = previous_ratios(OUT["large"])
    print("bench: waiting for the machine to be idle…", flush=True)
    report.idle = wait_until_idle(sizes["idle_wait"] if args.idle_wait is None else args.idle_wait)
    print(f"bench: {report.idle}", flush=True)
    steps = {
        "dispatch": lambda: bench_dispatch(report, sizes["dispatch"], rounds),
        "burst": lambda: bench_burst(report, sizes, rounds, tiny=size == "tiny"),
        "claim": lambda: bench_claim(report, sizes["claim"], rounds),
        "pages": lambda: bench_pages(report, sizes, rounds),
        "memory": lambda: bench_memory(report, sizes["memory"], rounds),
        "resync": lambda: bench_resync(report, sizes["resync"], rounds),
    }
    assert list(steps) == list(STEPS)
    for name, step in steps.items():
        if args.only is None or name in args.only:
            print(f"bench: {name}… ({time.monotonic() - started:.0f} s)", flush=True)
            step()
            write(report, out, started)
    print(f"bench: wrote {out} in {time.monotonic() - started:.0f} s")
    return report


if __name__ == "__main__":
    main()
