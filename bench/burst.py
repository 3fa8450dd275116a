"""The 9 o'clock burst through beat and one Celery worker, alone and while people click (`bench.run`)."""

from __future__ import annotations

import json
import statistics
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.clicks import CLOSED_LOOP
from bench.dispatch import raw_loops
from bench.harness import BIN, PYTHON, ROOT, Stack, free_port, process, shown, wait_http
from bench.report import Report, commands_block, listed, ratios

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


#: How long the web's capacity is measured, and more operations a second than it could ever serve here.
CAPACITY_SECONDS, CAPACITY_CEILING = 5, 150


def click_capacity(port: int, ops: Path, seconds: float = CAPACITY_SECONDS) -> tuple[float, int]:
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
    # Enough people for every click, each clicking once: the web's capacity measured first, then in
    # every round the idle phase and a burst that may take four times as long as 500 emails a second would.
    clickers = CAPACITY_SECONDS * CAPACITY_CEILING + int(wanted_rate * ((idle_seconds + 4 * n / 500 + 10) * rounds + 5))
    drains, lags50, lags99, raws, click_drains = [], [], [], [], []
    idle: dict[str, list[float]] = {"p50": [], "p95": [], "p99": []}
    busy: dict[str, list[float]] = {"p50": [], "p95": [], "p99": []}
    counted = {"idle": 0, "burst": 0}
    errors: list[str] = []
    port = free_port()
    began = time.monotonic()
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
        print(
            f"bench: burst: {n:,} reminders and {clickers:,} people ready in {time.monotonic() - began:.0f} s",
            flush=True,
        )
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
                    began = time.monotonic()
                    # The yardstick, then the burst alone at the next minute, the burst with the clicks at
                    # the one after: a round is two minutes while the burst alone is sent within about 35 s
                    # (the clicks start 20 s before the next minute) and the burst with the clicks, then the
                    # next yardstick, within about 55 s.
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
                    print(
                        f"bench: burst round {round_ + 1}: alone {drains[-1]:.1f} s, with clicks {drain:.1f} s,"
                        f" {time.monotonic() - began:.0f} s in all",
                        flush=True,
                    )
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
sent), the burst alone at the next whole minute, then the burst again while people click, at the
minute after.

The clicks (`bench/clicks.py`): {rate} a second — {wanted_rate} wanted, at most half of
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
