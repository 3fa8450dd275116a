from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from optout import services
from optout.services.delivery import user_by_address
from optout.vocabulary import Undeliverable


class Command(BaseCommand):
    help = (
        "Mark an address undeliverable by hand (a bounce seen by a plain SMTP relay): its reminders are "
        "held and its owner sees a banner. --undo releases them, as if the address had been confirmed again."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The account's address.")
        parser.add_argument(
            "--reason",
            choices=Undeliverable.values,
            default=Undeliverable.BOUNCED,
            help="What happened (default bounced).",
        )
        parser.add_argument("--undo", action="store_true", help="The address works again: release its reminders.")

    def handle(self, *args, email, reason, undo, **options):
        user = user_by_address(email)
        if user is None:
            raise CommandError("No account has this address.")
        now = timezone.now()
        if undo:
            catch_up = services.address_release(user=user, now=now)
            extra = f", catch-up reminder {catch_up.pk} due now" if catch_up else ""
            self.stdout.write(f"account {user.pk}: address released{extra}")
        else:
            held = services.address_hold(user=user, reason=reason, now=now)
            self.stdout.write(f"account {user.pk}: address marked undeliverable ({reason}), {held} reminders held")
