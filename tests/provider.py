"""A stand-in for a mail provider's HTTP API (Postmark's /email), on localhost.

The outside world is the one thing we fake: anymail's real Postmark backend talks
HTTP to it, and it answers as Postmark documents — accepted, refused, or down.
"""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCEPT, REFUSE, DOWN = "accept", "refuse", "down"


class FakePostmark:
    def __init__(self):
        self.mode = ACCEPT
        self.received: list[dict] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if fake.mode == DOWN:
                    return self._answer(503, {"ErrorCode": 500, "Message": "Service unavailable"})
                if fake.mode == REFUSE:
                    # https://postmarkapp.com/developer/api/overview#error-codes — 406: inactive recipient
                    message = (
                        "You tried to send to a recipient that has been marked as inactive.\n"
                        f"Found inactive addresses: {body['To']}.\n"
                        "Inactive recipients are ones that have generated a hard bounce or a spam complaint. "
                    )
                    return self._answer(422, {"ErrorCode": 406, "Message": message})
                with fake._lock:
                    fake.received.append(body)
                self._answer(
                    200,
                    {
                        "To": body["To"],
                        "SubmittedAt": "2026-03-17T08:00:05Z",
                        "MessageID": str(uuid.uuid4()),
                        "ErrorCode": 0,
                        "Message": "OK",
                    },
                )

            def _answer(self, status, data):
                payload = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
