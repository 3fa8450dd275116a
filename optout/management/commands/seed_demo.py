"""Demo data, fast: bulk inserts, one password hash for every demo account."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from optout import deadlines, routes, schedule
from optout.models import Case, Letter, Person, Reminder, Step
from optout.state import case_state_of
from optout.vocabulary import Channel, Relation, Route, lead_kind

CHUNK = 2000
DEMO_PASSWORD = "demo-lavande-orage"  # noqa: S105 - demo accounts only, printed on purpose


class Command(BaseCommand):
    help = "Create N demo accounts, each with a person, a letter, a phone case and its reminders."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, required=True)
        parser.add_argument(
            "--due-now", action="store_true", help="Give each demo user exactly one reminder due now, and no other."
        )
        parser.add_argument(
            "--cases-per-user", type=int, default=1, help="Cases per account: themself, then children (default 1)."
        )

    def handle(self, *args, users, due_now, cases_per_user, **options):
        if users < 1 or cases_per_user < 1:
            raise CommandError("--users and --cases-per-user must be at least 1")
        now = timezone.now()
        password = make_password(DEMO_PASSWORD)
        start = User.objects.filter(email__startswith="demo-").count()
        chunk = max(CHUNK // cases_per_user, 1)
        for offset in range(0, users, chunk):
            count = min(chunk, users - offset)
            with transaction.atomic():
                self._chunk(start + offset, count, now, password, due_now, cases_per_user)
        self.stdout.write(f"created {users} demo users (password: {DEMO_PASSWORD})")

    def _chunk(self, first, count, now, password, due_now, cases_per_user):
        today = timezone.localdate(now)
        accounts = User.objects.bulk_create(
            [User(email=f"demo-{first + n}@example.org", password=password) for n in range(count)]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in accounts]
        )
        people = Person.objects.bulk_create(
            [
                Person(owner=u, label="Moi", relation=Relation.SELF)
                if n == 0
                else Person(owner=u, label=f"Enfant {n}", relation=Relation.CHILD)
                for u in accounts
                for n in range(cases_per_user)
            ]
        )
        sent_on, received_on = today - timedelta(days=5), today - timedelta(days=3)
        letters = Letter.objects.bulk_create(
            [Letter(person=p, channel=Channel.POST, sent_on=sent_on, received_on=received_on) for p in people]
        )
        case_deadlines = deadlines.deadlines_for(sent_on, received_on)
        created_at = now - timedelta(days=3)
        cases = Case.objects.bulk_create(
            [
                Case(
                    person=p,
                    letter=letter,
                    route=Route.PHONE,
                    legal_deadline=case_deadlines.legal_deadline,
                    status_changed_at=created_at,
                    created_at=created_at,
                )
                for p, letter in zip(people, letters, strict=True)
            ]
        )
        Step.objects.bulk_create([Step(case=c, kind=kind) for c in cases for kind in routes.ROUTES[Route.PHONE].kinds])
        if due_now:
            reminders = [Reminder(case=c, kind=lead_kind(7), due_at=now - timedelta(seconds=30)) for c in cases]
        else:
            prefs = schedule.Preferences()
            reminders = []
            for case in cases:
                wanted = schedule.schedule_for(case_state_of(case, [], request=None), prefs)
                reminders += [Reminder(case=case, kind=kind, due_at=due) for kind, due in wanted.items() if due > now]
        Reminder.objects.bulk_create(reminders)
