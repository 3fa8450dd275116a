from django.core.management.base import BaseCommand
from django.utils import timezone

from optout import services
from optout.models import Case


class Command(BaseCommand):
    help = (
        "Re-sync every case's reminders with its schedule, in bulk: after changing default lead "
        "times or fixing a schedule rule. Sent reminders are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2000)

    def handle(self, *args, chunk_size, **options):
        handled = services.reminders_resync_bulk(cases=Case.objects.all(), now=timezone.now(), chunk_size=chunk_size)
        self.stdout.write(f"re-synced {handled} cases")
