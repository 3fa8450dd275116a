"""Each email is marked sent as its result arrives, with a statement PostgreSQL plans once per connection."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import ProgrammingError, connection, transaction
from django.utils import timezone

from optout import sql
from optout.models import Reminder
from reminders import dispatch


def prepared_marks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'UPDATE optout_reminder%%'")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_forty_emails_are_marked_sent_by_one_statement_planned_once(smtp_server):
    call_command("seed_demo", users=40, due_now=True, stdout=StringIO())

    dispatch.dispatch_due(clock=timezone.now, batch_size=15)

    sent = Reminder.objects.filter(status="sent")
    assert sent.count() == 40 == len(smtp_server.messages)
    assert not sent.filter(message_id="").exists() and not sent.filter(sent_at=None).exists()
    assert prepared_marks() == 1


@pytest.mark.django_db
def test_a_mark_given_back_meanwhile_is_not_marked_sent():
    call_command("seed_demo", users=1, due_now=True, stdout=StringIO())
    row = Reminder.objects.get()

    sql.execute_prepared(dispatch._MARK_SENT, [("sent", row.due_at, "<x@y>", row.pk, "sending")])

    row.refresh_from_db()
    assert row.status == "pending" and row.sent_at is None  # only a row still being sent is marked


@pytest.mark.django_db
def test_a_statement_that_fails_raises_djangos_error_and_the_connection_goes_on():
    with pytest.raises(ProgrammingError), transaction.atomic():
        sql.execute_prepared("UPDATE no_such_table SET x = %s", [(1,)])

    assert Reminder.objects.count() == 0
