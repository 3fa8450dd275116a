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
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.clicks import CLOSED_LOOP
from bench.harness import BIN, PYTHON, ROOT, Stack, free_port, process, shown, wait_http, wait_until_idle
from bench.report import Report, commands_block, previous_ratios, write

#: The sizes of `make bench`. Smaller than the first rounds' (LARGE) where the ratio does not change
#: with the size: `python -m bench.run --size large` measures those at the old sizes into
#: bench/RESULTS-large.md, and every full run shows both side by side.
FULL = {
    "rounds": 5,
    "dispatch": 2_000,
    "burst": 20_000,
    "burst_yardstick": 3_000,
    "clicks_rate": 20,
    "clicks_idle_seconds": 20,
    "claim": (10_000, 1_000_000),
    "pages_users": 10_000,
    "pages_cases_per_user": 5,
    "wrk_seconds": 5,
    "breakdown_repeats": 200,
    "memory": (1_000, 10_000),
    "resync": (5_000, 50_000),
    "idle_wait": 300,
}
#: The sizes of the first two rounds of benchmarks (a 29-minute run).
LARGE = {**FULL, "dispatch": 5_000, "burst_yardstick": 5_000, "wrk_seconds": 10, "resync": (10_000, 100_000)}
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


# 1b. The 9 o'clock burst, through beat and a Celery worker -----------------------------


def next_whole_minute(stack: Stack, margin: float = 5) -> datetime:
    """The next minute boundary at least `margin` seconds ahead, by the database's clock."""
    return stack.sql(
        "SELECT date_trunc('minute', now() + make_interval(secs => %s::float)) + interval '1 minute'", margin
    )[0][0]


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0–1) of `values`, by linear interpolation, like PostgreSQL's percentile_cont."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class Burst:
    """Reminders `1..last_id` due in one minute, drained by beat and a worker already running."""

    def __init__(self, stack: Stack, n: int, last_id: int, tiny: bool):
        self.stack, self.n, self.last_id, self.tiny = stack, n, last_id, tiny

    def next_due(self, margin: float) -> datetime:
        """The next whole minute at least `margin` seconds ahead (by the database's clock); at the tiny
        size (beat wakes the worker every 2 seconds), `margin` seconds from now."""
        if self.tiny:
            return self.stack.sql("SELECT now() + make_interval(secs => %s::float)", margin)[0][0]
        return next_whole_minute(self.stack, margin)

    def set_due(self, due: datetime) -> None:
        self.stack.sql("UPDATE optout_reminder SET due_at = %s WHERE id <= %s", due, self.last_id)

    def drain(self, due: datetime) -> tuple[float, float, float, datetime]:
        """Wait until every reminder of the burst is sent: seconds from `due` to the last, lag p50 and p99,
        and when the last was sent; then put them back, pending for tomorrow."""
        stack = self.stack
        give_up = time.monotonic() + 600 + max(0, (due - datetime.now(UTC)).total_seconds())
        count = "SELECT count(*) FROM optout_reminder WHERE status = 'sent' AND id <= %s"
        while stack.sql(count, self.last_id)[0][0] < self.n:
            assert time.monotonic() < give_up, "the burst was not sent within ten minutes"
            time.sleep(0.5)
        last, p50, p99, counted, last_at = stack.sql(
            "SELECT extract(epoch FROM max(sent_at) - %s), "
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)), "
            "percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)), "
            "count(*), max(sent_at) FROM optout_reminder WHERE status = 'sent' AND id <= %s",
            due,
            self.last_id,
        )[0]
        assert counted == self.n
        stack.sql(
            "UPDATE optout_reminder SET status = 'pending', sent_at = NULL, attempts = 0, message_id = '', "
            "lease_expires_at = NULL, due_at = now() + interval '1 day' WHERE id <= %s",
            self.last_id,
        )
        return float(last), float(p50), float(p99), last_at


def sleep_until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()))


def click_latencies(ops: list, start: datetime, end: datetime) -> list[float]:
    """The times, in ms, of the operations scheduled from `start` to `end`."""
    low, high = start.timestamp(), end.timestamp()
    return [seconds * 1000 for at, seconds, _error in ops if low <= at < high]


def click_capacity(port: int, ops: Path, seconds: float = 5) -> tuple[float, int]:
    """What the web sustains with nothing else running: people clicking as fast as it answers them,
    as many at a time as it has workers, for a few seconds (which also warms it up).
    Operations a second, and how many operations that used."""
    argv = [PYTHON, "-m", "bench.clicks", str(port), "max", str(ops)]
    clicks = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert clicks.stdout.readline().strip() == "started"
    started = time.monotonic()
    time.sleep(seconds)
    done = json.loads(clicks.communicate("stop\n", timeout=300)[0].strip().splitlines()[-1])["ops"]
    return len(done) / (time.monotonic() - started), len(done)


def bench_burst(report: Report, sizes: dict, rounds: int, tiny: bool = False) -> None:
    """9 o'clock: reminders due in the same minute, sent by the production processes (beat wakes a
    worker), alone and while recipients click their links and open their case pages.

    At the tiny size (in `make test`, only to check that it runs) beat wakes the worker every
    2 seconds and the reminders are due at once: no waiting for the clock's minute.
    """
    n, yardstick = sizes["burst"], sizes["burst_yardstick"]
    wanted_rate, idle_seconds = sizes["clicks_rate"], sizes["clicks_idle_seconds"]
    # Enough people for every click of every round, each clicking once: the idle phase, then a
    # burst that may take four times as long as 500 emails a second would.
    clickers = int(wanted_rate * ((idle_seconds + 4 * n / 500 + 10) * rounds + 5)) + 10
    drains, lags50, lags99, raws, click_drains = [], [], [], [], []
    idle: dict[str, list[float]] = {"p50": [], "p95": [], "p99": []}
    busy: dict[str, list[float]] = {"p50": [], "p95": [], "p99": []}
    counted = {"idle": 0, "burst": 0}
    errors: list[str] = []
    port = free_port()
    with Stack("burst") as stack:
        if tiny:
            stack.env["DISPATCH_INTERVAL_SECONDS"] = "2"
        stack.manage("seed_demo", "--users", n, "--due-now")
        last_id = stack.sql("SELECT max(id) FROM optout_reminder")[0][0]
        # The people who click got their email earlier: none of their reminders is due.
        stack.manage("seed_demo", "--users", clickers)
        stack.worker("clickers", n, clickers, stack.tmp / "clicks.json")
        stack.manage("collectstatic", "--noinput", "-v0")
        burst = Burst(stack, n, last_id, tiny)
        burst.set_due(stack.sql("SELECT now() + interval '1 day'")[0][0])  # nothing due until a round says
        stack.sql("VACUUM ANALYZE")
        worker = [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO", "--concurrency=2"]
        beat = [str(BIN / "celery"), "-A", "config", "beat", "--loglevel=INFO", "--schedule", str(stack.tmp / "beat")]
        web = [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application"]
        with process(stack, web, {"GUNICORN_BIND": f"127.0.0.1:{port}"}):
            wait_http(port)
            # The clicks' rate: at most half what the web sustains alone (a steady load, not a flood).
            capacity, used = click_capacity(port, stack.tmp / "clicks.json")
            rate = min(wanted_rate, max(1, round(capacity / 2)))
            with process(stack, worker), process(stack, beat):
                for round_ in range(rounds):
                    # The yardstick, then the burst alone; the margin leaves the raw loop time to end.
                    raws.append(raw_loops(stack, 1, limit=yardstick))
                    due = burst.next_due(margin=3)
                    burst.set_due(due)
                    drain, p50, p99, _last = burst.drain(due)
                    drains.append(drain)
                    lags50.append(p50)
                    lags99.append(p99)
                    # The same burst while people click, after as long with the clicks alone.
                    due = burst.next_due(margin=idle_seconds + 2)
                    burst.set_due(due)
                    sleep_until(due - timedelta(seconds=idle_seconds))
                    argv = [
                        PYTHON,
                        "-m",
                        "bench.clicks",
                        str(port),
                        str(rate),
                        str(stack.tmp / "clicks.json"),
                        str(used),
                    ]
                    if round_ == 0:
                        stack.commands.append(shown([*argv[:-1], "FIRST"]))
                    clicks = subprocess.Popen(
                        argv, cwd=ROOT, env=stack.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
                    )
                    assert clicks.stdout.readline().strip() == "started"
                    drain, _p50, _p99, last = burst.drain(due)
                    output, _ = clicks.communicate("stop\n", timeout=300)
                    result = json.loads(output.strip().splitlines()[-1])
                    assert not result["exhausted"], "more clicks than people: raise `clickers`"
                    ops = result["ops"]
                    used += len(ops)
                    errors += [error for _at, _s, error in ops if error]
                    click_drains.append(drain)
                    # The first second warms the connections up; the burst's clicks end with its last email.
                    quiet = click_latencies(ops, due - timedelta(seconds=idle_seconds - 1), due)
                    loaded = click_latencies(ops, due, last)
                    counted["idle"] += len(quiet)
                    counted["burst"] += len(loaded)
                    for q, name in ((0.5, "p50"), (0.95, "p95"), (0.99, "p99")):
                        idle[name].append(percentile(quiet, q))
                        busy[name].append(percentile(loaded, q))
    assert not errors, f"{len(errors)} clicks failed: {sorted(set(errors))}"
    rates = [n / drain for drain in drains]
    click_rates = [n / drain for drain in click_drains]
    report.ratio("burst_20k_vs_raw_smtp", ratios(rates, raws))
    report.ratio("burst_with_clicks_vs_raw_smtp", ratios(click_rates, raws))
    report.ratio("clicks_p95_burst_vs_idle", ratios(busy["p95"], idle["p95"]))
    report.figure("burst_lag_p99_s", lags99)
    median = statistics.median
    ms = "{:.0f}"
    report.add(
        "1b. The 9 o'clock burst, through beat and a Celery worker, alone and while people click",
        f"""
{n:,} reminders due in the same minute, as when everyone's reminder is due at 9:00; the production
processes send them: beat (its production schedule: the dispatch task on every whole minute) and
one Celery worker (as in `docker-compose.yml`: 2 processes), Redis as broker, production
settings, the local SMTP sink; the web (gunicorn, `config/gunicorn.py` as in production) runs on
the same machine. Timed from the due minute until the last is marked sent (the database's
`sent_at`); the lag is each reminder's `sent_at − due_at`. {rounds} rounds, each: the raw SMTP loop
over {yardstick:,} of the same messages (the yardstick: a rate, which does not depend on how many are
sent), the burst alone, then the burst again while people click.

The clicks (`bench/clicks.py`): {rate} operations a second — {wanted_rate} wanted, at most half of
the {capacity:.0f} a second the web served with nothing else running ({CLOSED_LOOP} at a time, as
many as its workers, 5 s, which also warmed it up) — at a steady rate whatever the server's
speed (each timed from when it should have started), each doing what the recipient of a reminder
does — open the email's signed « C'est fait » link (the confirmation page), confirm it (the step is
marked done), then open their case page signed in (uncached: it changed) — three requests, one
person each, never the same twice. They start {idle_seconds} s before the due minute: "idle" is
those seconds (the first left out), "burst" from the due minute to the last email sent.
{counted["idle"]:,} idle and {counted["burst"]:,} burst operations in all, none failed.

| | median | each round |
|---|---:|---|
| raw SMTP loop, emails/s | {median(raws):,.0f} | {listed(raws)} |
| burst alone: from the due minute to the last sent | {median(drains):.1f} s | {listed(drains, "{:.1f}")} |
| burst alone: emails/s | {median(rates):,.0f} | {listed(rates)} |
| burst alone: lag p50 | {median(lags50):.1f} s | {listed(lags50, "{:.1f}")} |
| burst alone: lag p99 | {median(lags99):.1f} s | {listed(lags99, "{:.1f}")} |
| burst with the clicks: from the due minute to the last sent | {median(click_drains):.1f} s | {listed(click_drains, "{:.1f}")} |
| burst with the clicks: emails/s | {median(click_rates):,.0f} | {listed(click_rates)} |
| a person's click and case page, idle: p50 | {median(idle["p50"]):.0f} ms | {listed(idle["p50"], ms)} |
| idle: p95 | {median(idle["p95"]):.0f} ms | {listed(idle["p95"], ms)} |
| idle: p99 | {median(idle["p99"]):.0f} ms | {listed(idle["p99"], ms)} |
| during the burst: p50 | {median(busy["p50"]):.0f} ms | {listed(busy["p50"], ms)} |
| during the burst: p95 | {median(busy["p95"]):.0f} ms | {listed(busy["p95"], ms)} |
| during the burst: p99 | {median(busy["p99"]):.0f} ms | {listed(busy["p99"], ms)} |

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
    return rate, p99_ms, count, shown(argv)


def bench_pages(report: Report, sizes: dict, rounds: int) -> None:
    users, per_user, seconds = sizes["pages_users"], sizes["pages_cases_per_user"], sizes["wrk_seconds"]
    port = free_port()
    csrf = "b3nchCsrfS3cretB3nchCsrfS3cret42"  # any 32 letters and digits: cookie and form agree
    with Stack("pages") as stack:
        stack.manage("seed_demo", "--users", users, "--cases-per-user", per_user)
        stack.manage("collectstatic", "--noinput", "-v0")
        stack.sql("VACUUM ANALYZE")
        login = stack.worker("session", "demo-0@example.org")
        # Where the write path's time goes, in process, before the server starts (another person's case).
        repeats = sizes["breakdown_repeats"]
        breakdown = stack.worker(
            "write_breakdown", "demo-1@example.org", repeats, extra_env={"DJANGO_SETTINGS_MODULE": "bench.settings"}
        )
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
    write_, bare = breakdown["write"], breakdown["bare"]
    report.figure("write_in_process_ms", [write_["ms"] / 2])
    breakdown_rows = "\n".join(
        f"| {label} | {write_[key] / 2:.1f} | {bare[key] / 2:.1f} |"
        for label, key in (
            ("the whole (Django's test client: no server, no network)", "ms"),
            ("SQL: every query, sent and answered", "sql_ms"),
            ("queries (count)", "queries"),
            ("templates rendered", "template_ms"),
            ("the tick's or the undo's service (one transaction; its SQL included)", "transaction_ms"),
        )
    )
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

Where the write path's time goes, measured in process (`bench.workers write_breakdown`: the
same four requests through Django's test client on the same database, {repeats} times, another
person's case), per pair of requests — a POST and the page it redirects to — in ms:

| | « C'est fait » or « Annuler », then the case page | POST to the bare view, then the bare view |
|---|---:|---:|
{breakdown_rows}

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


def main(argv=None) -> Report:
    parser = argparse.ArgumentParser(description="Run the benchmarks and write their results.")
    parser.add_argument("--size", choices=SIZES, default="full", help="full: `make bench`; small: for working on one")
    parser.add_argument("--tiny", action="store_true", help="the same as --size tiny: checks that everything runs")
    parser.add_argument("--out", type=Path, help="bench/RESULTS.md (full), bench/RESULTS-large.md (large)")
    parser.add_argument("--only", nargs="+", choices=STEPS, metavar="NAME", help=f"only these: {', '.join(STEPS)}")
    argv = sys.argv[1:] if argv is None else list(argv)
    parser.add_argument("--idle-wait", type=float, help="seconds to wait for an idle machine (full: 300)")
    args = parser.parse_args(argv)
    size = "tiny" if args.tiny else args.size
    sizes = SIZES[size]
    out = args.out or OUT.get(size) or ROOT / "var" / f"bench-{size}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    rounds = sizes["rounds"]
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
