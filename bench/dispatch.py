"""Dispatch throughput against the raw SMTP loop, and the claim's cost as the table grows (`bench.run`)."""

from __future__ import annotations

import json
import statistics
import subprocess

from bench.harness import PYTHON, ROOT, Stack, shown
from bench.report import Report, commands_block, listed, ratios

# 1. Dispatch throughput -----------------------------------------------------------


def last_json(proc: subprocess.Popen) -> dict:
    """What a `bench.workers` process printed last."""
    return json.loads(proc.communicate(timeout=3600)[0].strip().splitlines()[-1])


def overall_rate(results: list[dict]) -> float:
    """Emails per second of processes that ran at once: from the first start to the last end."""
    return sum(r["sent"] for r in results) / (max(r["end"] for r in results) - min(r["start"] for r in results))


def raw_loops(stack: Stack, parts: int, limit: int = 0) -> float:
    """`parts` raw SMTP loops, each over its share of the pending rows (the first `limit` if given),
    sending at the same moment."""
    argv = [PYTHON, "-m", "bench.workers", "raw_smtp", "PART", str(parts), str(limit), "--wait"]
    stack.commands.append(shown(argv))
    procs = [
        subprocess.Popen(
            [PYTHON, "-m", "bench.workers", "raw_smtp", str(part), str(parts), str(limit), "--wait"],
            cwd=ROOT,
            env=stack.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for part in range(parts)
    ]
    for proc in procs:  # every loop has rendered its messages
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    return overall_rate([last_json(proc) for proc in procs])


def dispatchers(stack: Stack, count: int, n: int, argv: list[str] | None = None) -> float:
    procs = [stack.start(argv or [PYTHON, "-m", "bench.workers", "dispatch"]) for _ in range(count)]
    results = [last_json(p) for p in procs]
    sent = stack.sql("SELECT count(*) FROM optout_reminder WHERE status = 'sent'")[0][0]
    assert sum(r["sent"] for r in results) == n == sent, (results, sent)
    stack.reset_reminders_due_now()
    return overall_rate(results)


def bench_dispatch(report: Report, n: int, rounds: int) -> None:
    # The machine is shared and noisy: every measurement in each round, interleaved; medians kept.
    raw_one, raw_two, one, two = [], [], [], []
    with Stack("dispatch") as stack:
        stack.manage("seed_demo", "--users", n, "--due-now")
        stack.sql("VACUUM ANALYZE")
        for _ in range(rounds):
            raw_one.append(raw_loops(stack, 1))
            one.append(dispatchers(stack, 1, n))
            raw_two.append(raw_loops(stack, 2))
            two.append(dispatchers(stack, 2, n))
    report.ratio("dispatch_vs_raw_smtp", ratios(one, raw_one))
    report.ratio("dispatch_two_vs_raw_two", ratios(two, raw_two))
    report.ratio("dispatch_two_processes_vs_raw_smtp", ratios(two, raw_one))
    median = statistics.median
    report.add(
        "1. Dispatch throughput",
        f"""
{n:,} reminders due now (`seed_demo --due-now`), sent to a local aiosmtpd sink (a separate process);
{rounds} rounds, each taking every measurement once, in this order; medians kept.

| | emails/s (median) | each round |
|---|---:|---|
| raw loop: the same rendered messages over one SMTP connection (the limit) | {median(raw_one):,.0f} | {listed(raw_one)} |
| dispatcher, one process (claim, render, send, mark each sent) | {median(one):,.0f} | {listed(one)} |
| two raw loops at once, each over half the messages, on its own connection | {median(raw_two):,.0f} | {listed(raw_two)} |
| dispatcher, two processes at once | {median(two):,.0f} | {listed(two)} |

Every run sent each of the {n:,} reminders exactly once (checked in the database after each run).
The dispatcher renders each reminder once per shape (`reminders/emails.py`), serializes the next
email and marks the last one sent while the mail server answers (`reminders/smtp.py`), and commits
its marks without waiting for the disk (a PostgreSQL crash could resend, never lose). The raw
loops render their messages first, untimed, and start sending together.

{commands_block(stack)}""",
    )


# 2. Claim cost as data grows ----------------------------------------------------------


def fill_reminders(stack: Stack, total: int, due: int = 500) -> None:
    """`total` reminder rows, all sent but `due`, on cases of their own (10 kinds per case)."""
    cases = -(-total // 10)
    users = max(cases // 10, 1)
    stack.sql(
        "INSERT INTO accounts_user (password, is_superuser, email, is_staff, is_active, date_joined, language, "
        "time_zone, departement, reminders_enabled, reminder_lead_days, reminder_hour, data_version, "
        "email_undeliverable_reason) "
        "SELECT '!', false, 'b' || g || '@example.org', false, true, now(), 'fr', 'Europe/Paris', '', true, "
        "'[7, 2]', 9, 0, '' FROM generate_series(1, %s) g",
        users,
    )
    stack.sql(
        "INSERT INTO optout_person (owner_id, label, relation, can_call, created_at) "
        "SELECT u.id, 'Enfant ' || g, 'child', true, now() FROM accounts_user u, generate_series(1, 10) g",
    )
    stack.sql(
        "INSERT INTO optout_case (person_id, route, status, status_changed_at, created_at) "
        "SELECT id, 'closure', 'closing', now(), now() FROM optout_person ORDER BY id LIMIT %s",
        cases,
    )
    stack.sql(
        "INSERT INTO optout_reminder (case_id, kind, due_at, status, attempts, sent_at, message_id, last_error) "
        "SELECT c.id, 'k' || g, now() - interval '1 day', 'sent', 1, now(), '', '' "
        "FROM optout_case c, generate_series(1, 10) g ORDER BY c.id, g LIMIT %s",
        total,
    )
    stack.sql(
        "UPDATE optout_reminder SET status = 'pending', sent_at = NULL, due_at = now() - interval '1 minute' "
        "WHERE id IN (SELECT id FROM optout_reminder ORDER BY random() LIMIT %s)",
        due,
    )
    stack.sql("VACUUM ANALYZE optout_reminder")


def bench_claim(report: Report, sizes: tuple[int, int], rounds: int) -> None:
    small, large = sizes
    timings: dict[int, list[float]] = {small: [], large: []}
    with Stack("claim_small") as small_stack, Stack("claim_large") as large_stack:
        stacks = {small: small_stack, large: large_stack}
        for total, stack in stacks.items():
            fill_reminders(stack, total)
        for round_ in range(rounds):
            for total in sizes if round_ % 2 == 0 else reversed(sizes):
                result = stacks[total].worker("claim", 9)
                assert result["claimed"] == 500, result
                timings[total].append(result["median_seconds"])
                if total == large:
                    sql, plan = result["sql"], result["plan"]
        commands = commands_block(large_stack)
    report.ratio("claim_1m_vs_10k", ratios(timings[large], timings[small]))
    median = statistics.median
    report.add(
        "2. Claim cost as data grows",
        f"""
Claiming a batch of 500 due rows (`SELECT … FOR UPDATE SKIP LOCKED`, then one UPDATE), median of 9
claims in each of {rounds} rounds, the two tables alternating.

| reminder rows (all sent but 500) | median claim | each round |
|---:|---:|---|
| {small:,} | {median(timings[small]) * 1000:.1f} ms | {listed([t * 1000 for t in timings[small]], "{:.1f}")} |
| {large:,} | {median(timings[large]) * 1000:.1f} ms | {listed([t * 1000 for t in timings[large]], "{:.1f}")} |

The claim query on {large:,} rows, `EXPLAIN (ANALYZE, BUFFERS)` — the partial index
`reminder_pending_due` (`due_at` where `status = 'pending'`) holds only the pending rows:

```
{sql}

{plan}
```

{commands}""",
    )
