"""The pages against the bare view, and the write path with its in-process breakdown (`bench.run`)."""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path

from bench.harness import BIN, Stack, free_port, process, shown, wait_http
from bench.report import Report, commands_block, listed, ratios

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
