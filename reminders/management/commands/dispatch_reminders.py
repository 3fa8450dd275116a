import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from reminders import dispatch


class Command(BaseCommand):
    help = "Send the reminders that are due, without Celery: once, or in a loop."

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--once", action="store_true", help="One pass over what is due now, then exit.")
        mode.add_argument("--loop", action="store_true", help="Keep polling until stopped.")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between passes with --loop.")
        parser.add_argument("--batch-size", type=int, default=dispatch.BATCH_SIZE)

    def handle(self, *args, once, loop, interval, batch_size, **options):
        while True:
            outcome = dispatch.dispatch_due(clock=timezone.now, batch_size=batch_size)
            self.stdout.write(f"sent {outcome.sent}, retried {outcome.retried}, failed {outcome.failed}")
            if once:
                return
            time.sleep(interval)
