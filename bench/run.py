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
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import BIN, PYTHON, ROOT, Stack, free_port, process, wait_http, wait_until_idle
from bench.report import Report, commands_block, previous_ratios, write

FULL = {
    "rounds": 5,
    "dispatch": 5_000,
    "burst": 20_000,
    "burst_yardstick": 5_000,
    "claim": (10_000, 1_000_000),
    "pages_users": 10_000,
    "pages_cases_per_user": 5,
    "wrk_seconds": 10,
    "memory": (1_000, 10_000),
    "resync": (10_000, 100_000),
    "idle_wait": 300,
}
TINY = {
    "rounds": 2,
    "dispatch": 200,
    "burst": 200,
    "burst_yardstick": 100,
    "claim": (600, 2_000),
    "pages_users": 50,
    "pages_cases_per_user": 5,
    "wrk_seconds": 1,
    "memory": (100, 300),
    "resync": (100, 300),
    "idle_wait": 0,
}


def listed(values, fmt="{:,.0f}") -> str:
    return ", ".join(fmt.format(v) for v in values)


def ratios(tops, bottoms) -> list[float]:
    """One ratio per round: each measurement against its yardstick taken in the same round."""
    return [top / bottom for top, bottom in zip(tops, bottoms, strict=True)]


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
    stack.commands.append(" ".join(argv))
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


# 1b. The 9 o'clock burst, through beat and a Celery worker -----------------------------


def next_whole_minute(stack: Stack, margin: float = 5) -> datetime:
    """The next minute boundary at least `margin` seconds ahead, by the database's clock."""
    return stack.sql(
        "SELECT date_trunc('minute', now() + make_interval(secs => %s::float)) + interval '1 minute'", margin
    )[0][0]


def bench_burst(report: Report, n: int, yardstick: int, rounds: int, tiny: bool = False) -> None:
    """Reminders due in the same minute, sent by the production processes: beat wakes a worker.

    At the tiny size (in `make test`, only to check that it runs) beat wakes the worker every
    2 seconds and the reminders are due at once: no waiting for the clock's minute.
    """
    drains, lags50, lags99, raws = [], [], [], []
    with Stack("burst") as stack:
        if tiny:
            stack.env["DISPATCH_INTERVAL_SECONDS"] = "2"
        stack.manage("seed_demo", "--users", n, "--due-now")
        # Pending, but due tomorrow: nothing is sent until a round sets the minute.
        stack.sql("UPDATE optout_reminder SET due_at = now() + interval '1 day'")
        stack.sql("VACUUM ANALYZE")
        worker = [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO", "--concurrency=2"]
        beat = [str(BIN / "celery"), "-A", "config", "beat", "--loglevel=INFO", "--schedule", str(stack.tmp / "beat")]
        with process(stack, worker), process(stack, beat):
            for _ in range(rounds):
                raws.append(raw_loops(stack, 1, limit=yardstick))
                due = stack.sql("SELECT now()")[0][0] if tiny else next_whole_minute(stack)
                stack.sql("UPDATE optout_reminder SET due_at = %s", due)
                give_up = time.monotonic() + 600 + max(0, (due - datetime.now(UTC)).total_seconds())
                while stack.sql("SELECT count(*) FROM optout_reminder WHERE status = 'sent'")[0][0] < n:
                    assert time.monotonic() < give_up, "the burst was not sent within ten minutes"
                    time.sleep(0.5)
                last, p50, p99, counted = stack.sql(
                    "SELECT extract(epoch FROM max(sent_at) - %s), "
                    "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)), "
                    "percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)), "
                    "count(*) FROM optout_reminder WHERE status = 'sent'",
                    due,
                )[0]
                assert counted == n
                drains.append(float(last))
                lags50.append(float(p50))
                lags99.append(float(p99))
                stack.sql(
                    "UPDATE optout_reminder SET status = 'pending', sent_at = NULL, attempts = 0, message_id = '', "
                    "lease_expires_at = NULL, due_at = now() + interval '1 day'"
                )
    rates = [n / drain for drain in drains]
    report.ratio("burst_20k_vs_raw_smtp", ratios(rates, raws))
    report.figure("burst_lag_p99_s", lags99)
    median = statistics.median
    report.add(
        "1b. The 9 o'clock burst, through beat and a Celery worker",
        f"""
{n:,} reminders due in the same minute, as when everyone's reminder is due at 9:00; the production
processes send them: beat (its production schedule: the dispatch task on every whole minute) and
one Celery worker (as in `docker-compose.yml`: 2 processes), Redis as broker, production
settings, the local SMTP sink. Timed from the due minute until the last is marked sent (the
database's `sent_at`); the lag is each reminder's `sent_at − due_at`. {rounds} rounds, each after
the raw SMTP loop over {yardstick:,} of the same messages (the yardstick: a rate, which does not
depend on how many are sent).

| | median | each round |
|---|---:|---|
| from the due minute to the last sent | {median(drains):.1f} s | {listed(drains, "{:.1f}")} |
| emails/s over that time | {median(rates):,.0f} | {listed(rates)} |
| raw SMTP loop, emails/s | {median(raws):,.0f} | {listed(raws)} |
| lag p50 | {median(lags50):.1f} s | {listed(lags50, "{:.1f}")} |
| lag p99 | {median(lags99):.1f} s | {listed(lags99, "{:.1f}")} |

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


# 3. Pages -----------------------------------------------------------------------------


WRITE_SCRIPT = """
-- One connection per thread, each on its own case: « C'est fait » on a step, the case page it
-- redirects to, « Annuler », the case page again. {bare} replaces them with the bare view.
local cases = {{{cases}}}
local next_case = 1

function setup(thread)
  thread:set("case_id", cases[next_case])
  next_case = next_case % #cases + 1
end

function init(args)
  local headers = {{
    ["Host"] = "127.0.0.1",
    ["Cookie"] = "sessionid={session}; csrftoken={csrf}",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }}
  local page, step = "/suivi/demarches/" .. case_id .. "/", "/suivi/demarches/" .. case_id .. "/etapes/{step}/"
  if {bare} then page, step = "/_bench/bare/", "/_bench/bare/" end
  sequence = {{
    wrk.format("POST", step, headers, "csrfmiddlewaretoken={csrf}"),
    wrk.format("GET", page, headers),
    wrk.format("POST", step, headers, "csrfmiddlewaretoken={csrf}&action=undo"),
    wrk.format("GET", page, headers),
  }}
  position = 0
end

function request()
  position = position % #sequence + 1
  return sequence[position]
end
"""


def wrk(url: str, cookie: str, seconds: int, script: Path | None = None) -> tuple[float, float, int, str]:
    """Requests per second, p99 latency and the number of requests of one wrk run."""
    if script:  # one connection per thread: each thread's requests follow one another in order
        argv = ["wrk", "-t4", "-c4", f"-d{seconds}s", "--latency", "-s", str(script), url]
    else:
        argv = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", "-H", f"Cookie: sessionid={cookie}"]
        argv += ["-H", "Host: 127.0.0.1", url]
    output = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()
    p99_ms = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    count = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    assert not non_2xx, f"{url} answered errors:\n{output}"
    return rate, p99_ms, count, " ".join(argv)


def bench_pages(report: Report, users: int, per_user: int, seconds: int, rounds: int) -> None:
    port = free_port()
    csrf = "b3nchCsrfS3cretB3nchCsrfS3cret42"  # any 32 letters and digits: cookie and form agree
    with Stack("pages") as stack:
        stack.manage("seed_demo", "--users", users, "--cases-per-user", per_user)
        stack.manage("collectstatic", "--noinput", "-v0")
        stack.sql("VACUUM ANALYZE")
        login = stack.worker("session", "demo-0@example.org")
        counts = stack.sql("SELECT (SELECT count(*) FROM accounts_user), (SELECT count(*) FROM optout_case)")[0]
        scripts = {}
        for name, bare in (("write", "false"), ("write_bare", "true")):
            scripts[name] = stack.tmp / f"{name}.lua"
            scripts[name].write_text(
                WRITE_SCRIPT.format(
                    cases=", ".join(map(str, login["case_ids"][:4])),
                    session=login["session"],
                    csrf=csrf,
                    step=login["step"],
                    bare=bare,
                )
            )
        env = {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
        }
        pages = [
            # Each page right after its own yardstick: the machine's speed drifts within a round too.
            ("bare", "/_bench/bare/", None),
            ("dashboard", "/suivi/", None),
            ("bare_again", "/_bench/bare/", None),
            ("case", f"/suivi/demarches/{login['case_id']}/", None),
            ("write_bare", "/_bench/bare/", scripts["write_bare"]),
            ("write", "/", scripts["write"]),
        ]
        runs: dict[str, list] = {name: [] for name, _, _ in pages}
        with process(stack, [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application"], env):
            wait_http(port)
            base = f"http://127.0.0.1:{port}"
            for _name, path, script in pages:
                wrk(base + path, login["session"], 1, script)  # warm up
            for _ in range(rounds):
                for name, path, script in pages:
                    events = stack.sql("SELECT count(*) FROM optout_caseevent")[0][0] if name == "write" else 0
                    runs[name].append(wrk(base + path, login["session"], seconds, script))
                    if name == "write":  # every « C'est fait » and « Annuler » really wrote
                        written = stack.sql("SELECT count(*) FROM optout_caseevent")[0][0] - events
                        assert written >= runs[name][-1][2] // 2 - 8, (written, runs[name][-1])
    rates = {name: [run[0] for run in values] for name, values in runs.items()}
    report.ratio("dashboard_vs_bare", ratios(rates["dashboard"], rates["bare"]))
    report.ratio("case_vs_bare", ratios(rates["case"], rates["bare_again"]))
    report.ratio("write_vs_bare", ratios(rates["write"], rates["write_bare"]))
    median = statistics.median
    labels = {
        "bare": "bare view (the dashboard's yardstick)",
        "dashboard": "dashboard",
        "bare_again": "bare view again (the case page's yardstick)",
        "case": "case page",
        "write_bare": "POST to the bare view, then the bare view (per request)",
        "write": "« C'est fait » or « Annuler », then the case page, uncached (per request)",
    }
    rows = "\n".join(
        f"| {labels[name]} | {median(rates[name]):,.0f} | {median(run[1] for run in runs[name]):.1f} ms "
        f"| {listed(rates[name])} |"
        for name in runs
    )
    report.add(
        "3. Pages",
        f"""
{counts[0]:,} users and {counts[1]:,} cases seeded; a signed-in user with {login["cases"]} cases;
gunicorn with 2 workers on PostgreSQL (production settings); wrk, {seconds} s per measurement after
a 1 s warm-up, {rounds} rounds in this order, each page right after its own yardstick (the
machine's speed drifts, within a round too). Reading pages: 2 threads, 8 connections. "bare" is a
Django view that renders a template with our layout and makes no query of its own, on the same
server and middleware.

The write path, as a person ticks a step: a POST « C'est fait » (CSRF-checked), the case page it
redirects to — uncached, since the change invalidated it — then « Annuler » and the page again,
so that every POST writes (the step, an event, the reminders re-synced; counted in the database
after each run). 4 threads with one connection each, each on its own case; its yardstick is a
POST to the bare view that redirects to it. A request is half an operation on both sides.

| page | requests/s (median) | p99 latency | each round |
|---|---:|---:|---|
{rows}

{commands_block(stack)}
```
{chr(10).join(run[3] for values in runs.values() for run in values[:1])}
```

The write script (`{scripts["write"].name}`; the session and CSRF values are the run's own):

```lua
{scripts["write"].read_text().strip()}
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


def main(argv=None) -> Report:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tiny", action="store_true", help="a few hundred rows: checks that everything runs")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args(argv)
    sizes = TINY if args.tiny else FULL
    rounds = sizes["rounds"]
    started = time.monotonic()
    report = Report(previous=previous_ratios(args.out))
    print("bench: waiting for the machine to be idle…", flush=True)
    report.idle = wait_until_idle(sizes["idle_wait"])
    print(f"bench: {report.idle}", flush=True)
    steps = {
        "dispatch": lambda: bench_dispatch(report, sizes["dispatch"], rounds),
        "burst": lambda: bench_burst(report, sizes["burst"], sizes["burst_yardstick"], rounds, tiny=args.tiny),
        "claim": lambda: bench_claim(report, sizes["claim"], rounds),
        "pages": lambda: bench_pages(
            report, sizes["pages_users"], sizes["pages_cases_per_user"], sizes["wrk_seconds"], rounds
        ),
        "memory": lambda: bench_memory(report, sizes["memory"], rounds),
        "resync": lambda: bench_resync(report, sizes["resync"], rounds),
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
