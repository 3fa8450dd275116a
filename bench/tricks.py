"""Each speed trick of the mail side, with and without: `python -m bench.tricks [--n N] [--rounds R]`.

One database of N reminders due now, the local SMTP sink; in every round the dispatcher
(`bench.workers dispatch`) sends them all once as shipped, then once without each trick in turn
(`--without NAME`, undone by bench/workers.py in that process only). Each round's ratio is the
rate without the trick over the rate with everything, both in the same round; medians kept.
A trick is worth keeping when removing it costs at least 5 % of that rate.
"""

from __future__ import annotations

import argparse
import statistics

from bench.harness import PYTHON, Stack, wait_until_idle
from bench.run import dispatchers, listed

#: What `bench.workers dispatch --without NAME` undoes (see `without` there).
TRICKS = {
    "switch_interval": "sys.setswitchinterval(0.001) while the pipeline sends",
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
    args = parser.parse_args(argv)
    print(wait_until_idle(0), flush=True)
    rates: dict[str, list[float]] = {"all": [], **{name: [] for name in args.only}}
    with Stack("tricks") as stack:
        stack.manage("seed_demo", "--users", args.n, "--due-now")
        stack.sql("VACUUM ANALYZE")
        for _ in range(args.rounds):
            for name in rates:
                argv = [PYTHON, "-m", "bench.workers", "dispatch"] + ([] if name == "all" else ["--without", name])
                rates[name].append(dispatchers(stack, 1, args.n, argv=argv))
                print(name, f"{rates[name][-1]:,.0f}", flush=True)
    print(f"\n{args.n:,} reminders, {args.rounds} rounds; emails/s of one dispatcher process\n")
    print("| without | emails/s (median) | vs everything (median of each round's ratio) | each round |")
    print("|---|---:|---:|---|")
    for name, values in rates.items():
        ratio = statistics.median(v / a for v, a in zip(values, rates["all"], strict=True))
        print(
            f"| {name if name != 'all' else '(nothing: as shipped)'} | {statistics.median(values):,.0f} "
            f"| {ratio:.3f} | {listed(values)} |"
        )


if __name__ == "__main__":
    main()
