"""Measurements taken inside Django, one per subcommand; each prints one JSON line.

python -m bench.workers dispatch         # send everything due, timed
python -m bench.workers raw_smtp [PART PARTS [LIMIT]] [--wait]
                                         # render the same messages (every PARTS-th from PART, among the
                                         # first LIMIT pending if given), then time
                                         # sending them; with --wait, say "ready" and start on a line of input
python -m bench.workers claim REPEATS    # time claiming 500 due rows, and EXPLAIN it
python -m bench.workers resync           # time the bulk re-sync of every case
python -m bench.workers session EMAIL    # a signed-in session key for EMAIL, their cases, a step to tick
"""

import json
import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.mail import get_connection  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from optout import services  # noqa: E402
from optout.models import Case, Reminder  # noqa: E402
from optout.routes import ROUTES  # noqa: E402
from reminders import dispatch, emails  # noqa: E402


def out(**values):
    print(json.dumps(values), flush=True)


def without(trick):
    """Undo one speed trick of reminders/speed.py in this process only (bench/tricks.py: with and without)."""
    import contextlib
    import email.policy
    from email.generator import BytesGenerator
    from io import BytesIO

    from django.core.mail import EmailMultiAlternatives

    from reminders import speed

    if trick == "switch_interval":
        speed.fast_switching = contextlib.nullcontext
    elif trick == "fold":
        speed._POLICY = email.policy.compat32
    elif trick == "boundary":  # the email package picks the boundary, with its regular expression

        def wire(message):
            encoding = message.encoding or "utf-8"
            recipients = [speed.sanitize_address(a, encoding) for a in message.recipients()]
            out = BytesIO()
            BytesGenerator(out, mangle_from_=False, policy=speed._POLICY).flatten(message.message(), linesep="\r\n")
            return speed._sender(message.from_email, encoding), recipients, out.getvalue()

        speed.wire = wire
    elif trick == "subject_cache":
        speed.ReminderEmail.message = EmailMultiAlternatives.message
        speed.encoded_sender = lambda sender: sender
    elif trick == "shape_cache":  # every reminder rendered in full
        speed.render_by_shape = lambda shape, values, render, personal: render(
            shape, {**values, "done_url": values["done_url"] if shape.has_step else ""}
        )
    else:
        raise SystemExit(f"no trick {trick}")


def cmd_dispatch(*names):
    for name in names:
        without(name)
    start = time.perf_counter()
    outcome = dispatch.dispatch_due(clock=timezone.now, batch_size=500)
    end = time.perf_counter()
    out(
        sent=outcome.sent,
        failed=outcome.failed,
        seconds=end - start,
        start=time.time() - (end - start),
        end=time.time(),
    )


def cmd_raw_smtp(part="0", parts="1", limit="0", wait=None):
    pending = Reminder.objects.filter(status="pending").select_related("case__person__owner", "case__letter")
    rows = list(pending.order_by("pk")[: int(limit) or None])[int(part) :: int(parts)]
    messages = [
        emails.reminder_email(row, now=timezone.now()) for row in rows
    ]  # rendering is not timed: only sending is
    backend = get_connection(fail_silently=False)
    backend.open()
    if wait:  # several loops start sending together
        print("ready", flush=True)
        sys.stdin.readline()
    start = time.perf_counter()
    for message in messages:
        backend.send_messages([message])
    end = time.perf_counter()
    backend.close()
    out(sent=len(messages), seconds=end - start, start=time.time() - (end - start), end=time.time())


def reset_claimed(ids):
    Reminder.objects.filter(id__in=ids).update(status="pending", lease_expires_at=None, attempts=0)


def cmd_claim(repeats):
    timings = []
    for _ in range(int(repeats)):
        now = timezone.now()
        start = time.perf_counter()
        ids = dispatch.claim(now=now, limit=500)
        timings.append(time.perf_counter() - start)
        reset_claimed(ids)
    with CaptureQueriesContext(connection) as queries:
        ids = dispatch.claim(now=timezone.now(), limit=500)
    reset_claimed(ids)
    select = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT"))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + select)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    out(claimed=len(ids), median_seconds=statistics.median(timings), timings=timings, plan=plan, sql=select)


def cmd_resync():
    count = Case.objects.count()
    start = time.perf_counter()
    handled = services.reminders_resync_bulk(cases=Case.objects.all(), now=timezone.now())
    out(cases=count, handled=handled, seconds=time.perf_counter() - start)


def cmd_session(email):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from accounts.models import User
    from accounts.sessions import SessionStore

    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    cases = list(Case.objects.filter(person__owner=user).order_by("pk"))
    # A step that marking done and undoing can repeat for ever: one that completes nothing.
    step = next(spec.kind for spec in ROUTES[cases[0].route].steps if spec.completes is None)
    out(session=session.session_key, case_id=cases[0].pk, case_ids=[c.pk for c in cases], cases=len(cases), step=step)


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    flags = {"wait": True} if "--wait" in arguments else {}
    globals()[f"cmd_{command}"](*[a for a in arguments if a not in ("--wait", "--without")], **flags)
