"""A local SMTP server that accepts and forgets every message: `python -m bench.smtp_sink PORT`.

On SIGTERM it writes how many messages it accepted to the file named by SINK_COUNT_FILE.
"""

import os
import signal
import sys
import time

from aiosmtpd.controller import Controller


class CountingSink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def main():
    port = int(sys.argv[1])
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    print("ready", flush=True)
    while not stop:
        time.sleep(0.1)
    controller.stop()
    if os.environ.get("SINK_COUNT_FILE"):
        with open(os.environ["SINK_COUNT_FILE"], "w") as out:
            out.write(str(sink.count))


if __name__ == "__main__":
    main()
