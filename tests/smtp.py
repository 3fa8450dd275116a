"""A real SMTP server in the test process (aiosmtpd), to receive what we send."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from email.message import Message
from email.policy import default

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    def __init__(self, delay: float = 0.0):
        self.messages: list[Message] = []
        self.delay = delay  # seconds before answering each message: a slow mail server
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted"

    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]


class SmtpServer:
    def __init__(self, port: int | None = None, *, delay: float = 0.0, sink: Sink | None = None):
        self.port = port or free_port()
        self.sink = sink or Sink(delay)
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def messages(self):
        return self.sink.messages
