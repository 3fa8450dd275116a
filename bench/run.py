"""Run every benchmark and write the results: `python -m bench.run [--tiny] [--out FILE]`.

`make bench` runs the full sizes and writes bench/RESULTS.md. `make test` runs the
tiny sizes (a few hundred rows) only to check that every benchmark still runs and
produces numbers; nothing there is about speed. Ratios compare our code with the
limit of our own stack measured in the same run, because absolute times on a
shared machine mean little.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import time
from pathlib import Path

from bench.harness import BIN, PYTHON, ROOT, Stack, free_port, process, wait_http
from bench.report import Report, commands_block, write

FULL = {
    "dispatch": 10_000,
    "claim": (10_000, 1_000_000),
    "pages_users": 10_000,
    "pages_cases_per_user": 5,
    "wrk_seconds": 10,
    "memory": (1_000, 10_000),
    "resync": (10_000, 100_000),
}
TINY = {
    "dispatch": 200,
    "claim": (600, 2_000),
    "pages_users": 50,
    "pages_cases_per_user": 5,
    "wrk_seconds": 1,
    "memory": (100, 300),
    "resync": (100, 300),
}
# 1. Dispatch throughput -----------------------------------------------------------


def bench_dispatch(report: Report, n: int) -> None:
    # The machine is shared and noisy: each measurement three times, interleaved, median kept.
    raw_runs, one_runs, two_runs = [], [], []
    with Stack("dispatch") as stack:
        stack.manage("seed_demo", "--users", n, "--due-now")
        for _ in range(3):
            raw = stack.worker("raw_smtp")
            raw_runs.append(raw["sent"] / raw["seconds"])
            stack.reset_reminders_due_now()
            one = stack.worker("dispatch")
            assert one["sent"] == n, one
            one_runs.append(one["sent"] / one["seconds"])
            stack.reset_reminders_due_now()
            procs = [stack.start([PYTHON, "-m", "bench.workers", "dispatch"]) for _ in range(2)]
            results = [json.loads(p.communicate(timeout=3600)[0].strip().splitlines()[-1]) for p in procs]
            sent = stack.sql("SELECT count(*) FROM optout_reminder WHERE status = 'sent'")[0][0]
            assert sum(r["sent"] for r in results) == n == sent, (results, sent)
            two_runs.append(n / (max(r["end"] for r in results) - min(r["start"] for r in results)))
            stack.reset_reminders_due_now()
    raw_rate, one_rate, two_rate = (statistics.median(runs) for runs in (raw_runs, one_runs, two_runs))
    report.ratio("dispatch_vs_raw_smtp", one_rate / raw_rate)
    report.ratio("dispatch_two_processes_vs_raw_smtp", two_rate / raw_rate)

    def runs(values):
        return ", ".join(f"{v:,.0f}" for v in values)

    report.add(
        "1. Dispatch throughput",
        f"""
{n:,} reminders due now (`seed_demo --due-now`), sent to a local aiosmtpd sink (a separate process);
each measurement three times, interleaved, the median kept.

| | emails/s (median) | the three runs |
|---|---:|---|
| raw loop: the same rendered messages over one SMTP connection (the limit) | {raw_rate:,.0f} | {runs(raw_runs)} |
| dispatcher, one process (claim, render, send, mark each sent) | {one_rate:,.0f} | {runs(one_runs)} |
| dispatcher, two processes at once | {two_rate:,.0f} | {runs(two_runs)} |

Every run sent each of the {n:,} reminders exactly once (checked in the database after each run).
The dispatcher renders each reminder once per shape (`optout/emails.py`), serializes the next
email and marks the last one sent while the mail server answers (`optout/smtp.py`), and commits
its marks without waiting for the disk (a PostgreSQL crash could resend, never lose).

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
        "INSERT INTO optout_person (owner_id, label, relation, created_at) "
        "SELECT u.id, 'Enfant ' || g, 'child', now() FROM accounts_user u, generate_series(1, 10) g",
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


def bench_claim(report: Report, sizes: tuple[int, int]) -> None:
    small, large = sizes
    results, plan = {}, ""
    for total in sizes:
        with Stack("claim") as stack:
            fill_reminders(stack, total)
            result = stack.worker("claim", 7)
            assert result["claimed"] == 500, result
            results[total] = result
            plan = result["plan"]
    ratio = results[large]["median_seconds"] / results[small]["median_seconds"]
    report.ratio("claim_1m_vs_10k", ratio)
    report.add(
        "2. Claim cost as data grows",
        f"""
Claiming a batch of 500 due rows (`SELECT … FOR UPDATE SKIP LOCKED`, then one UPDATE), median of 7.

| reminder rows (all sent but 500) | median claim |
|---:|---:|
| {small:,} | {results[small]["median_seconds"] * 1000:.1f} ms |
| {large:,} | {results[large]["median_seconds"] * 1000:.1f} ms |

The claim query on {large:,} rows, `EXPLAIN (ANALYZE, BUFFERS)` — the partial index
`reminder_pending_due` (`due_at` where `status = 'pending'`) holds only the pending rows:

```
{results[large]["sql"]}

{plan}
```
""",
    )


# 3. Pages -----------------------------------------------------------------------------


def wrk(url: str, cookie: str, seconds: int) -> tuple[float, float, str]:
    argv = [
        "wrk",
        "-t2",
        "-c8",
        f"-d{seconds}s",
        "--latency",
        "-H",
        f"Cookie: sessionid={cookie}",
        "-H",
        "Host: 127.0.0.1",
        url,
    ]
    output = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()
    p99_ms = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    assert not non_2xx, f"{url} answered errors:\n{output}"
    return rate, p99_ms, " ".join(argv)


def bench_pages(report: Report, users: int, per_user: int, seconds: int) -> None:
    port = free_port()
    with Stack("pages") as stack:
        stack.manage("seed_demo", "--users", users, "--cases-per-user", per_user)
        stack.manage("collectstatic", "--noinput", "-v0")
        login = stack.worker("session", "demo-0@example.org")
        counts = stack.sql("SELECT (SELECT count(*) FROM accounts_user), (SELECT count(*) FROM optout_case)")[0]
        env = {"BENCH_VIEWS": "true", "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
        with process(stack, [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application"], env):
            wait_http(port)
            base = f"http://127.0.0.1:{port}"
            runs = {}
            for name, path in [
                ("bare", "/_bench/bare/"),
                ("dashboard", "/suivi/"),
                ("case", f"/suivi/demarches/{login['case_id']}/"),
            ]:
                wrk(base + path, login["session"], 1)  # warm up
                runs[name] = wrk(base + path, login["session"], seconds)
    report.ratio("dashboard_vs_bare", runs["dashboard"][0] / runs["bare"][0])
    report.ratio("case_vs_bare", runs["case"][0] / runs["bare"][0])
    rows = "\n".join(f"| {name} | {rate:,.0f} | {p99:.1f} ms |" for name, (rate, p99, _) in runs.items())
    report.add(
        "3. Pages",
        f"""
{counts[0]:,} users and {counts[1]:,} cases seeded; a signed-in user with {login["cases"]} cases;
gunicorn with 2 workers on PostgreSQL (production settings); wrk, 2 threads, 8 connections,
{seconds} s each, after a 1 s warm-up. "bare" is a Django view that renders a template with our
layout and makes no query of its own, on the same server and middleware.

| page | requests/s | p99 latency |
|---|---:|---:|
{rows}

{commands_block(stack)}
```
{chr(10).join(cmd for _, _, cmd in runs.values())}
```
""",
    )


# 4. Memory ----------------------------------------------------------------------------


def peak_rss_kb(stack: Stack) -> int:
    argv = ["/usr/bin/time", "-v", PYTHON, "-m", "bench.workers", "dispatch"]
    stack.commands.append(" ".join(argv))
    result = subprocess.run(argv, cwd=ROOT, env=stack.env, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stderr
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))


def bench_memory(report: Report, sizes: tuple[int, int]) -> None:
    peaks = {}
    for n in sizes:
        with Stack("memory") as stack:
            stack.manage("seed_demo", "--users", n, "--due-now")
            peaks[n] = peak_rss_kb(stack)
    small, large = sizes
    report.ratio("dispatcher_rss_10k_vs_1k", peaks[large] / peaks[small])
    report.add(
        "4. Memory",
        f"""
Peak resident memory of one dispatcher process sending every due reminder (`/usr/bin/time -v`).

| due reminders | peak RSS |
|---:|---:|
| {small:,} | {peaks[small] / 1024:.1f} MiB |
| {large:,} | {peaks[large] / 1024:.1f} MiB |

{commands_block(stack)}""",
    )


# 5. Schedule sync ---------------------------------------------------------------------


def bench_resync(report: Report, sizes: tuple[int, int]) -> None:
    results = {}
    for n in sizes:
        with Stack("resync") as stack:
            stack.manage("seed_demo", "--users", n)
            # The default lead times change from 7 and 2 days to 10 and 3.
            stack.sql("UPDATE accounts_user SET reminder_lead_days = '[10, 3]'")
            result = stack.worker("resync")
            moved = stack.sql("SELECT count(*) FROM optout_reminder WHERE kind = 'lead-10' AND status = 'pending'")
            assert result["handled"] == n and moved[0][0] == n, (result, moved)
            results[n] = result
    small, large = sizes
    per_case = {n: results[n]["seconds"] / n for n in sizes}
    report.ratio("resync_100k_vs_10k", per_case[large] / per_case[small])
    report.add(
        "5. Schedule sync",
        f"""
Every case re-synced after the lead times change from 7/2 to 10/3 days
(`services.reminders_resync_bulk`, chunks of 2,000 cases, a fixed number of queries per chunk).

| cases | seconds | seconds per 1,000 cases |
|---:|---:|---:|
| {small:,} | {results[small]["seconds"]:.2f} | {per_case[small] * 1000:.3f} |
| {large:,} | {results[large]["seconds"]:.2f} | {per_case[large] * 1000:.3f} |

{commands_block(stack)}""",
    )


def main(argv=None) -> Report:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tiny", action="store_true", help="a few hundred rows: checks that everything runs")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args(argv)
    sizes = TINY if args.tiny else FULL
    started = time.monotonic()
    report = Report()
    steps = {
        "dispatch": lambda: bench_dispatch(report, sizes["dispatch"]),
        "claim": lambda: bench_claim(report, sizes["claim"]),
        "pages": lambda: bench_pages(report, sizes["pages_users"], sizes["pages_cases_per_user"], sizes["wrk_seconds"]),
        "memory": lambda: bench_memory(report, sizes["memory"]),
        "resync": lambda: bench_resync(report, sizes["resync"]),
    }
    for name, step in steps.items():
        if args.only is None or name in args.only:
            print(f"bench: {name}…", flush=True)
            step()
            write(report, args.out, args.tiny, started)
    print(f"bench: wrote {args.out}")
    return report


if __name__ == "__main__":
    main()
