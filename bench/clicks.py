"""What recipients do at 9:00, at a steady rate: `python -m bench.clicks PORT RATE OPS_FILE [FIRST]`.

Each operation is one person's: open the signed « C'est fait » link of their email (GET, the
confirmation page), confirm it (POST: the step is marked done), then open their case page signed in
(GET, uncached since the step changed). OPS_FILE is a JSON list of {"link", "case", "session"}, one
per person (`bench.workers clickers`); each is used once, in order, from the FIRST.

RATE "max" measures what the server sustains: CLOSED_LOOP people at a time, each starting again
as soon as they are done. Otherwise, an open loop: operation i starts at i / RATE seconds after the start, whatever the server's speed
(threads wait for it, never the schedule), and its time is counted from when it should have
started, so a server that falls behind shows it. Runs until a line "stop" on its input, then prints
one JSON line: every operation's [scheduled start (epoch seconds), seconds, what went wrong or ""].
"""

import http.client
import json
import queue
import sys
import threading
import time

CSRF = "b3nchCsrfS3cretB3nchCsrfS3cret42"  # any 32 letters and digits: cookie and form agree
THREADS = 24
#: People at a time when measuring what the server sustains: as many as gunicorn's workers.
CLOSED_LOOP = 3


def operation(conn: http.client.HTTPConnection, op: dict) -> str:
    """ "" if every answer was right, or what went wrong."""

    def call(method, path, cookie, body=None):
        headers = {"Host": "127.0.0.1", "Cookie": cookie}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            return f"{method} {path.split('/')[1]}: {response.status}"
        if method == "POST" and "est noté".encode() not in body:  # « C'est noté »: the step is marked done
            return f"{method} {path.split('/')[1]}: no confirmation"
        return ""

    csrf = f"csrftoken={CSRF}"
    return (
        call("GET", op["link"], csrf)
        or call("POST", op["link"], csrf, f"csrfmiddlewaretoken={CSRF}")
        or call("GET", op["case"], f"sessionid={op['session']}")
    )


def main():
    port, rate, ops_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    first = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    with open(ops_file) as f:
        ops = json.load(f)[first:]
    todo: queue.Queue = queue.Queue()
    results = []
    stop = threading.Event()
    closed_loop = rate == "max"
    pending = iter(ops)
    taking = threading.Lock()

    def next_item():
        if not closed_loop:
            return todo.get()
        with taking:
            op = next(pending, None)
        if stop.is_set() or op is None:
            return None
        return time.monotonic(), time.time(), op

    def work():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            item = next_item()
            if item is None:
                return
            scheduled, wall, op = item
            try:
                error = operation(conn, op)
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                error = type(exc).__name__
            results.append((wall, time.monotonic() - scheduled, error))

    threads = [threading.Thread(target=work, daemon=True) for _ in range(CLOSED_LOOP if closed_loop else THREADS)]
    for thread in threads:
        thread.start()

    def schedule():
        start, wall = time.monotonic(), time.time()
        for i, op in enumerate(ops):
            at = start + i / float(rate)
            if stop.wait(max(0.0, at - time.monotonic())):
                break
            todo.put((at, wall + i / float(rate), op))
        for _ in threads:
            todo.put(None)

    scheduler = threading.Thread(target=schedule, daemon=True)
    if not closed_loop:
        scheduler.start()
    print("started", flush=True)
    sys.stdin.readline()
    stop.set()
    if not closed_loop:
        scheduler.join()
    for thread in threads:
        thread.join(timeout=120)
    print(json.dumps({"ops": sorted(results), "exhausted": len(results) >= len(ops)}), flush=True)


if __name__ == "__main__":
    main()
