# The periodic job now moves a case to closure when its legal deadline has passed
# (the space opens), no longer the day after act-by: act_by is no longer stored.
# Cases the old rule moved to closure while their legal deadline still runs go back
# to their opposition route; `manage.py resync_reminders` then plans their reminders.

import datetime
from zoneinfo import ZoneInfo

from django.db import migrations, models

# The steps of each route, as they were when this migration was written.
ROUTE_STEPS = {
    "phone": ["prepare_call", "call", "confirmation_email"],
    "online": ["code_received", "prepare_online", "object_online", "keep_proof"],
    "closure": ["code_received", "close_space", "closure_confirmed"],
}


def restore_cases_moved_too_early(apps, schema_editor):
    Case = apps.get_model("optout", "Case")
    CaseEvent = apps.get_model("optout", "CaseEvent")
    Step = apps.get_model("optout", "Step")
    today = datetime.datetime.now(ZoneInfo("Europe/Paris")).date()
    moved = Case.objects.filter(
        status="closing", route="closure", window_missed_on__isnull=False, legal_deadline__gte=today
    )
    for case in moved:
        event = CaseEvent.objects.filter(case=case, kind="window_missed").order_by("-at").first()
        previous = (event.data or {}).get("previous") if event else None
        if previous not in ("phone", "online"):
            continue
        case.route, case.status, case.window_missed_on = previous, "open", None
        case.save(update_fields=["route", "status", "window_missed_on"])
        existing = set(Step.objects.filter(case=case).values_list("kind", flat=True))
        Step.objects.bulk_create(
            [Step(case=case, kind=kind) for kind in ROUTE_STEPS[previous] if kind not in existing]
        )
        Step.objects.filter(case=case, done_at__isnull=True).exclude(kind__in=ROUTE_STEPS[previous]).delete()
        CaseEvent.objects.create(
            case=case, kind="route_changed", at=datetime.datetime.now(datetime.UTC), data={"previous": "closure", "route": previous}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('optout', '0004_calendar_feed'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='case_open_act_by',
        ),
        migrations.RemoveField(
            model_name='case',
            name='act_by',
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('status', 'open')), fields=['legal_deadline'], name='case_open_legal_deadline'),
        ),
        migrations.RunPython(restore_cases_moved_too_early, migrations.RunPython.noop),
    ]
