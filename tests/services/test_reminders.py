"""Every change to a case or a preference re-syncs its Reminder rows in the same transaction."""

from datetime import datetime

import pytest

from accounts.services import user_update_preferences
from optout import services
from optout.models import Reminder
from tests.helpers import NOW as OPENED
from tests.helpers import PARIS, open_case

pytestmark = pytest.mark.django_db


def rows(case):
    return {r.kind: (r.status, r.due_at.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")) for r in case.reminders.all()}


def test_opening_a_case_plans_its_reminders():
    case = open_case()

    # Sent 20 February, received 24 February: act by Tuesday 24 March; legal deadline Friday 3 April.
    assert rows(case) == {
        "lead-7": ("pending", "2026-03-17 09:00"),
        "lead-2": ("pending", "2026-03-20 09:00"),  # Sunday 22 → Friday 20: the line answers
        "last-call": ("pending", "2026-03-24 09:00"),
        "late-start": ("pending", "2026-03-25 09:00"),  # act-by passed, the legal deadline still runs
        "late-lead": ("pending", "2026-04-01 09:00"),  # two line days before 3 April
        "late-last-call": ("pending", "2026-04-03 09:00"),
        "missed": ("pending", "2026-04-04 09:00"),  # the space opens
    }


def test_marking_the_opposition_done_cancels_the_pending_reminders_and_undo_brings_them_back():
    case = open_case()

    services.step_mark_done(case=case, kind="call", now=OPENED)
    done = rows(case)
    assert done.pop("retention-warning") == ("pending", "2027-02-16 09:00")  # a year on, less two weeks
    assert {status for status, _ in done.values()} == {"cancelled"}

    services.step_undo(case=case, kind="call", now=OPENED)
    undone = rows(case)
    assert undone.pop("retention-warning")[0] == "cancelled"
    assert {status for status, _ in undone.values()} == {"pending"}


def test_sent_rows_are_never_touched():
    case = open_case()
    case.reminders.filter(kind="lead-7").update(status="sent", sent_at=OPENED)

    services.step_mark_done(case=case, kind="call", now=OPENED)

    assert rows(case)["lead-7"][0] == "sent"


def test_a_reminder_whose_time_has_passed_is_not_revived():
    case = open_case()
    services.step_mark_done(case=case, kind="call", now=OPENED)

    services.step_undo(case=case, kind="call", now=datetime(2026, 3, 18, 12, tzinfo=PARIS))

    assert rows(case)["lead-7"][0] == "cancelled"  # 17 March has passed: no late "J-7"
    assert rows(case)["lead-2"][0] == "pending"


def test_changing_lead_times_and_hour_moves_the_pending_rows():
    case = open_case()
    user = case.person.owner

    user_update_preferences(user=user, now=OPENED, reminder_lead_days=[10, 3], reminder_hour=18)

    # 18:00 is after the line closes: reminders about calling come when it opens that morning.
    assert rows(case) == {
        "lead-7": ("cancelled", "2026-03-17 09:00"),
        "lead-2": ("cancelled", "2026-03-20 09:00"),
        "lead-10": ("pending", "2026-03-13 08:30"),
        "lead-3": ("pending", "2026-03-20 08:30"),
        "last-call": ("pending", "2026-03-24 08:30"),
        "late-start": ("pending", "2026-03-25 08:30"),
        "late-lead": ("pending", "2026-04-01 08:30"),
        "late-last-call": ("pending", "2026-04-03 08:30"),
        "missed": ("pending", "2026-04-04 18:00"),
    }


def test_pausing_reminders_cancels_every_pending_one_for_every_case():
    first = open_case()
    second = open_case(user=first.person.owner, label="Léa", relation="child")

    user_update_preferences(user=first.person.owner, now=OPENED, reminders_enabled=False)

    assert set(Reminder.objects.values_list("status", flat=True)) == {"cancelled"}
    assert second.reminders.count() == 7


def test_the_missed_window_job_keeps_the_space_opening_email_and_drops_nothing_sent():
    case = open_case()
    case.reminders.exclude(kind="missed").update(status="sent")

    services.cases_move_missed_windows(now=datetime(2026, 4, 4, 0, 5, tzinfo=PARIS))

    assert rows(case)["missed"] == ("pending", "2026-04-04 09:00")
    assert {status for kind, (status, _) in rows(case).items() if kind != "missed"} == {"sent"}


def test_the_bulk_resync_gives_the_same_rows_as_syncing_one_case_at_a_time():
    from optout.models import Case

    first = open_case()
    second = open_case(route="online")
    for user in (first.person.owner, second.person.owner):
        user.reminder_lead_days = [10, 3]
        user.save()

    assert services.reminders_resync_bulk(cases=Case.objects.all(), now=OPENED, chunk_size=1) == 2
    bulk = {case.pk: rows(case) for case in (first, second)}
    for case in (first, second):
        services.reminders_sync(case=Case.objects.select_related("person__owner").get(pk=case.pk), now=OPENED)

    assert {case.pk: rows(case) for case in (first, second)} == bulk
    assert bulk[first.pk]["lead-10"] == ("pending", "2026-03-13 09:00")
    assert bulk[first.pk]["lead-7"][0] == "cancelled"


def test_a_parents_own_closure_email_comes_no_earlier_than_their_childs():
    # The parent's letter opens their space on Saturday 4 April; Léa's, sent three days later, on Tuesday 7.
    mine = open_case()
    lea = open_case(mine.person.owner, label="Léa", relation="child", sent_on=datetime(2026, 2, 23).date())

    assert rows(lea)["missed"] == ("pending", "2026-04-07 09:00")
    assert rows(mine)["missed"] == ("pending", "2026-04-07 09:00")  # not on the 4th: Léa's is closed first

    # Léa's opposition is made: her space will not open, the parent's email goes back to its own morning.
    services.step_mark_done(case=lea, kind="call", now=OPENED)
    assert rows(mine)["missed"] == ("pending", "2026-04-04 09:00")


@pytest.mark.parametrize("removed", ["case", "person"])
def test_removing_a_childs_case_or_the_child_sends_the_parents_closure_email_on_its_own_morning(removed):
    # Léa's space would open on the 7th and held the parent's email back from the 4th; once her case
    # (or Léa herself) is removed from the account, nothing holds it back.
    mine = open_case()
    lea = open_case(mine.person.owner, label="Léa", relation="child", sent_on=datetime(2026, 2, 23).date())
    assert rows(mine)["missed"] == ("pending", "2026-04-07 09:00")

    if removed == "case":
        services.case_delete(case=lea, now=OPENED)
    else:
        services.person_delete(person=lea.person, now=OPENED)

    assert rows(mine)["missed"] == ("pending", "2026-04-04 09:00")


def test_a_childs_space_already_open_does_not_delay_the_parents_email():
    mine = open_case()
    open_case(mine.person.owner, route="closure", label="Léa", relation="child")  # no letter: open already

    assert rows(mine)["missed"] == ("pending", "2026-04-04 09:00")
