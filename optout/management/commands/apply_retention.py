from django.core.management.base import BaseCommand
from django.utils import timezone

from optout import selectors, services


class Command(BaseCommand):
    help = (
        "Delete finished cases a year after they ended (their owners were warned 14 days before) "
        "and accounts never verified after 7 days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be deleted.")

    def handle(self, *args, dry_run, **options):
        now = timezone.now()
        report = selectors.retention_candidates(now=now) if dry_run else services.retention_apply(now=now)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {len(report.cases)} finished cases and {len(report.accounts)} unverified accounts")
        for case_id in report.cases:
            self.stdout.write(f"  case {case_id}")
        for user_id in report.accounts:
            self.stdout.write(f"  account {user_id}")
