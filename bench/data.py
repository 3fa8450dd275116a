"""The dispatcher's memory as the queue grows, and re-syncing every case's reminders (`bench.run`)."""

from __future__ import annotations

import re
import statistics
import subprocess

from bench.harness import PYTHON, ROOT, Stack, shown
from bench.report import Report, commands_block, listed, ratios

# 4. Memory ----------------------------------------------------------------------------


def peak_rss_kb(stack: Stack) -> int:
    argv = ["/usr/bin/time", "-v", PYTHON, "-m", "bench.workers", "dispatch"]
    stack.commands.append(shown(argv))
    result = subprocess.run(argv, cwd=ROOT, env=stack.env, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stderr
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))


def bench_memory(report: Report, sizes: tuple[int, int], rounds: int) -> None:
    small, large = sizes
    peaks: dict[int, list[int]] = {small: [], large: []}
    with Stack("memory") as stack:
        stack.manage("seed_demo", "--users", large, "--due-now")
        stack.sql("VACUUM ANALYZE")
        for round_ in range(rounds):
            for n in sizes if round_ % 2 == 0 else reversed(sizes):
                # `n` of the same reminders due now, the others already sent.
                stack.reset_reminders_due_now()
                stack.sql(
                    "UPDATE optout_reminder SET status = 'sent', sent_at = now() "
                    "WHERE id NOT IN (SELECT id FROM optout_reminder ORDER BY id LIMIT %s)",
                    n,
                )
                peaks[n].append(peak_rss_kb(stack))
    report.ratio("dispatcher_rss_10k_vs_1k", ratios(peaks[large], peaks[small]))
    median = statistics.median
    report.add(
        "4. Memory",
        f"""
Peak resident memory of one dispatcher process sending every due reminder (`/usr/bin/time -v`),
on a database of {large:,} reminders of which {small:,} or {large:,} are due; {rounds} rounds.

| due reminders | peak RSS (median) | each round |
|---:|---:|---|
| {small:,} | {median(peaks[small]) / 1024:.1f} MiB | {listed([k / 1024 for k in peaks[small]], "{:.1f}")} |
| {large:,} | {median(peaks[large]) / 1024:.1f} MiB | {listed([k / 1024 for k in peaks[large]], "{:.1f}")} |

{commands_block(stack)}""",
    )


# 5. Schedule sync ---------------------------------------------------------------------

LEAD_TIMES = (("[10, 3]", "lead-10"), ("[7, 2]", "lead-7"))


#: How many times the small database is re-synced in each round (its median is that round's).
SMALL_REPEATS = 3


def resync_once(stack: Stack, n: int, turn: int) -> float:
    """Every case re-synced after the default lead times changed (7/2 and 10/3 days in turn, so
    that every run moves every reminder); the seconds it took."""
    lead_days, kind = LEAD_TIMES[turn % 2]
    stack.sql("UPDATE accounts_user SET reminder_lead_days = %s", lead_days)
    # A database in its steady state: no autovacuum of the last run's rows during this one.
    stack.sql("VACUUM ANALYZE")
    result = stack.worker("resync")
    moved = stack.sql("SELECT count(*) FROM optout_reminder WHERE kind = %s AND status = 'pending'", kind)
    assert result["handled"] == n and moved[0][0] == n, (result, moved)
    return result["seconds"]


def bench_resync(report: Report, sizes: tuple[int, int], rounds: int) -> None:
    small, large = sizes
    seconds: dict[int, list[float]] = {small: [], large: []}
    each: dict[int, list[float]] = {small: [], large: []}
    repeats = {small: SMALL_REPEATS, large: 1}
    with Stack("resync_small") as small_stack, Stack("resync_large") as large_stack:
        stacks = {small: small_stack, large: large_stack}
        for n, stack in stacks.items():
            stack.manage("seed_demo", "--users", n)
        for round_ in range(rounds):
            for n in sizes if round_ % 2 == 0 else reversed(sizes):
                # The small database's run lasts a tenth as long, so it moves more from one run to the
                # next: it is timed SMALL_REPEATS times in each round and its median kept.
                timings = [resync_once(stacks[n], n, round_ + repeat) for repeat in range(repeats[n])]
                seconds[n].append(statistics.median(timings))
                each[n].extend(timings)
        commands = commands_block(large_stack)
    per_1000 = {n: [s / n * 1000 for s in seconds[n]] for n in sizes}
    report.ratio("resync_100k_vs_10k", ratios(per_1000[large], per_1000[small]))
    median = statistics.median
    report.add(
        "5. Schedule sync",
        f"""
Every case re-synced after the default lead times change, from 7/2 to 10/3 days and back in turn
(`services.reminders_resync_bulk`, chunks of 2,000 cases, a fixed number of queries per chunk);
the two databases alternate, {rounds} rounds, every run after a `VACUUM ANALYZE`. In each round the
{small:,} cases are re-synced {SMALL_REPEATS} times (the lead times flipping each time) and the
median of the three is that round's: a run a tenth as long moves more from one run to the next.
Each round's ratio is the {large:,} cases' time per case over the {small:,} cases' median.

| cases | seconds (median) | seconds per 1,000 cases | each round, per 1,000 | every run, per 1,000 |
|---:|---:|---:|---|---|
| {small:,} | {median(seconds[small]):.2f} | {median(per_1000[small]):.3f} | {listed(per_1000[small], "{:.3f}")} | {listed([s / small * 1000 for s in each[small]], "{:.3f}")} |
| {large:,} | {median(seconds[large]):.2f} | {median(per_1000[large]):.3f} | {listed(per_1000[large], "{:.3f}")} | (one per round) |

{commands}""",
    )
