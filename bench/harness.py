"""Databases, processes and commands for the benchmarks: everything real, everything cleaned up."""

from __future__ import annotations

import atexit
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
ADMIN_DB = "postgresql://postgres@127.0.0.1:5432/postgres"
#: The benchmarks' databases are named `<BENCH_DB_PREFIX>_<benchmark>_<pid>`, created and dropped by each run;
#: two runs on one machine (or a run beside the test suite) give each their own prefix and Redis database.
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "bench")
#: The benchmarks' own Redis database (broker and cache), emptied before and after.
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "7"))


#: One migrated database per run, copied by every Stack: migrating takes seconds, a copy a fraction of one.
_template: str | None = None


def migrated_template(env: dict) -> str:
    """The name of this run's migrated, empty database (created on first use, dropped at exit)."""
    global _template
    if _template is None:
        name = f"{DB_PREFIX}_template_{os.getpid()}"
        with psycopg.connect(ADMIN_DB, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        atexit.register(_drop, name)
        migrate_env = {**env, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}"}
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=migrate_env, check=True)
        _template = name
    return _template


def _drop(name: str) -> None:
    with psycopg.connect(ADMIN_DB, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def shown(argv) -> str:
    """A command as the results show it: paths relative to the repository, temporary files as $TMP."""
    text = " ".join(str(a) for a in argv)
    text = text.replace(str(ROOT) + "/", "")
    return re.sub(re.escape(tempfile.gettempdir()) + r"/bench-[\w-]+", "$TMP", text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    """A fresh PostgreSQL database, an SMTP sink process and production-like settings."""

    def __init__(self, name: str):
        self.name = f"{DB_PREFIX}_{name}_{os.getpid()}"
        self.tmp = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
        self.smtp_port = free_port()
        self.commands: list[str] = []
        self.env = {
            "PATH": f"{BIN}:{os.environ['PATH']}",
            "HOME": str(self.tmp),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_ENV": "production",
            "OPERATOR_NAME": "Association À temps",
            "OPERATOR_ADDRESS": "12 rue des Lilas, 33000 Bordeaux",
            "OPERATOR_EMAIL": "contact@a-temps.fr",
            "OPERATOR_DIRECTOR": "Camille Martin",
            "HOST_NAME": "Hébergeur SAS",
            "HOST_ADDRESS": "3 quai de la Gare, 69002 Lyon",
            "SECRET_KEY": "bench-only-" + "k3Jx9q2Lm7Vw0Zr5Tn8Bp4Yc6Hd1Gf3Sa2Qe7Wu9Io0Pl5Kj8Mn4",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{self.name}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "SITE_URL": "https://a-temps.example.org",
            "SECURE_SSL_REDIRECT": "false",
            "VAR_DIR": str(self.tmp / "var"),
            "LOG_LEVEL": "WARNING",
            "CONN_MAX_AGE": "60",
        }
        # A setting changed for one run, to measure what it does: BENCH_SET_X=value sets X.
        self.env.update({k.removeprefix("BENCH_SET_"): v for k, v in os.environ.items() if k.startswith("BENCH_SET_")})
        self.sink = None

    def __enter__(self):
        redis.Redis(db=REDIS_DB).flushdb()
        template = migrated_template(self.env)
        with psycopg.connect(ADMIN_DB, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            conn.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{template}"')
        # What a reader would run instead: the copy holds exactly what migrating gives.
        self.commands.append(shown([PYTHON, "manage.py", "migrate", "--noinput", "-v0"]))
        self.sink = subprocess.Popen(
            [PYTHON, "-m", "bench.smtp_sink", str(self.smtp_port)],
            cwd=ROOT,
            env={**self.env, "SINK_COUNT_FILE": str(self.tmp / "sink-count")},
            stdout=subprocess.PIPE,
            start_new_session=True,
        )
        assert self.sink.stdout.readline().strip() == b"ready"
        return self

    def __exit__(self, *exc):
        if self.sink:
            os.killpg(self.sink.pid, signal.SIGTERM)
            self.sink.wait(timeout=10)
        with psycopg.connect(ADMIN_DB, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        redis.Redis(db=REDIS_DB).flushdb()

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:5432/{self.name}"

    def sql(self, query: str, *params):
        with psycopg.connect(self.url, autocommit=True) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else None

    def run(self, argv: list[str], *, record: bool = True, extra_env: dict | None = None) -> str:
        if record:
            self.commands.append(shown(argv))
        result = subprocess.run(
            argv, cwd=ROOT, env={**self.env, **(extra_env or {})}, capture_output=True, text=True, timeout=3600
        )
        if result.returncode != 0:
            raise RuntimeError(f"{argv} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def manage(self, *args) -> str:
        return self.run([PYTHON, "manage.py", *map(str, args)])

    def worker(self, *args, extra_env: dict | None = None) -> dict:
        output = self.run([PYTHON, "-m", "bench.workers", *map(str, args)], extra_env=extra_env)
        return json.loads(output.strip().splitlines()[-1])

    def start(self, argv: list[str], extra_env: dict | None = None, *, output: bool = True) -> subprocess.Popen:
        """A background process; its output is kept only when asked (a server's logs would fill the pipe)."""
        self.commands.append(shown(argv))
        return subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**self.env, **(extra_env or {})},
            stdout=subprocess.PIPE if output else subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )

    def reset_reminders_due_now(self):
        self.sql(
            "UPDATE optout_reminder SET status = 'pending', sent_at = NULL, attempts = 0, message_id = '', "
            "lease_expires_at = NULL, due_at = now() - interval '1 minute'"
        )


@contextmanager
def process(stack: Stack, argv: list[str], extra_env: dict | None = None):
    proc = stack.start(argv, extra_env, output=False)
    try:
        yield proc
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


def wait_http(port: int, path: str = "/healthz", timeout: float = 30) -> None:

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


def memory_available_gib() -> float:
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    for line in meminfo.splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024 / 1024
    return float("nan")


def wait_until_idle(max_wait: float, *, load_per_core: float = 0.25, min_free_gib: float = 2.0) -> str:
    """Wait (up to `max_wait` seconds) until the machine is idle enough to measure; say how it was.

    Idle: the one-minute load average under `load_per_core` per core, and `min_free_gib` of memory
    available. Figures taken on a busy machine are kept, but the results say so.
    """
    cores = os.cpu_count() or 1
    started = time.monotonic()
    while True:
        load, free = os.getloadavg()[0], memory_available_gib()
        idle = load <= load_per_core * cores and free >= min_free_gib
        waited = time.monotonic() - started
        if idle or waited >= max_wait:
            break
        time.sleep(5)
    state = "idle enough" if idle else "NOT idle (the figures below may be skewed)"
    return (
        f"- before starting: one-minute load average {load:.2f} for {cores} cores, {free:.1f} GiB of memory "
        f"available, after waiting {waited:.0f} s: {state} (wanted a load under {load_per_core * cores:.2f} "
        f"and {min_free_gib:.0f} GiB available)"
    )
