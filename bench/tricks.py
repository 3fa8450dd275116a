"""Each speed trick of the mail side, with and without: `python -m bench.tricks [--n N] [--rounds R] [--out bench/RESULTS.md]`.

One database of N reminders due now, the local SMTP sink; in every round the dispatcher
(`bench.workers dispatch`) sends them all once as shipped, then once without each trick in turn
(`--without NAME`, undone by bench/workers.py in that process only). Each round's ratio is the
rate without the trick over the rate with everything, both in the same round; medians kept.
A trick is worth keeping when removing it costs at least 5 % of that rate.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from bench.dispatch import dispatchers
from bench.harness import PYTHON, Stack, wait_until_idle
from bench.report import TRICKS_TITLE, listed, write_section

#: What `bench.workers dispatch --without NAME` undoes (see `without` there).
TRICKS = {
    "fold": "the compat32 policy whose _fold writes short ASCII headers as they are",
    "boundary": "the MIME boundary picked without the email package's regular expression",
    "subject_cache": "the Subject header encoded once per distinct subject (and the From header once)",
    "shape_cache": "a reminder rendered once per shape, private-use placeholders filled in after",
}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=sorted(TRICKS))
    parser.add_argument("--out", type=Path, default=None, help="write the table into this results file's section")
    args = parser.parse_args(argv)
    load = wait_until_idle(0).removeprefix("- ")
    print(load, flush=True)
    rates: dict[str, list[float]] = {"all": [], **{name: [] for name in args.only}}
    with Stack("tricks") as stack:
        stack.manage("seed_demo", "--users", args.n, "--due-now")
        stack.sql("VACUUM ANALYZE")
        for _ in range(args.rounds):
            for name in rates:
                argv = [PYTHON, "-m", "bench.workers", "dispatch"] + ([] if name == "all" else ["--without", name])
                rates[name].append(dispatchers(stack, 1, args.n, argv=argv))
                print(name, f"{rates[name][-1]:,.0f}", flush=True)
    rows = []
    for name, values in rates.items():
        ratio = statistics.median(v / a for v, a in zip(values, rates["all"], strict=True))
        label = "(nothing: every trick on)" if name == "all" else f"`{name}`: {TRICKS[name]}"
        rows.append(f"| {label} | {statistics.median(values):,.0f} | {ratio:.3f} | {listed(values)} |")
    table = "\n".join(
        [
            f"{args.n:,} reminders due now, the local SMTP sink, one dispatcher process (`bench.workers dispatch`"
            f" `--without NAME`); {args.rounds} rounds, each sending them all once as shipped, then once without"
            " each trick; the ratio is each round's rate without the trick over its rate with every trick, medians"
            " kept. Machine load: " + load,
            "",
            "| without | emails/s (median) | rate without / with (median) | each round, emails/s |",
            "|---|---:|---:|---|",
            *rows,
        ]
    )
    print(table)
    if args.out:
        write_section(args.out, TRICKS_TITLE, f"{TRICKS_TITLE}\n\n{table}\n")


if __name__ == "__main__":
    main()
