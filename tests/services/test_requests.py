"""A written request on a case: its dates recorded through the service, its reminders re-synced with them."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from optout import services
from optout.models import CaseEvent, WrittenRequest
from optout.selectors import export_for
from optout.services import RequestData
from tests.helpers import PARIS, open_case, plain

pytestmark = pytest.mark.django_db

#: A closure asked online on Tuesday 31 March 2026, never confirmed: due by 30 June, overdue in July.
ASKED = datetime(2026, 3, 31, 10, tzinfo=PARIS)
NOW = datetime(2026, 7, 1, 10, tzinfo=PARIS)
#: The acknowledgment of receipt is back: the request arrived Friday 3 July.
BACK = datetime(2026, 7, 6, 10, tzinfo=PARIS)
REQUEST_KINDS = {"answer-soon", "answer-late", "extended-answer-soon", "extended-answer-late", "deletion-due"}


def overdue_closure(**kwargs):
    case = open_case(route="closure", now=ASKED, **kwargs)
    services.step_mark_done(case=case, kind="code_received", now=ASKED)
    services.step_mark_done(case=case, kind="close_space", now=ASKED)
    return case


def sent(case, now=NOW, **dates):
    data = {"kind": "closure", "channel": "registered", "sent_on": date(2026, 7, 1), **dates}
    return services.written_request_record(case=case, data=RequestData(**data), now=now)


def request_rows(case):
    """The written request's reminders: {kind: (status, due in Paris)}."""
    return {
        r.kind: (r.status, r.due_at.astimezone(PARIS).strftime("%Y-%m-%d %H:%M"))
        for r in case.reminders.filter(kind__in=REQUEST_KINDS)
    }


def test_a_request_sent_plans_the_answer_and_the_deletion():
    case = overdue_closure()

    sent(case)

    # Sent 1 July, no delivery date yet: counted from sending (an estimate); Saturday 1 August moves to the 3rd.
    assert request_rows(case) == {
        "answer-soon": ("pending", "2026-07-31 09:00"),
        "answer-late": ("pending", "2026-08-04 09:00"),
        "deletion-due": ("pending", "2026-10-01 09:00"),
    }
    assert case.reminders.get(kind="closure-confirmation").status == "pending"  # its time is passed, never revived


def test_the_delivery_date_moves_them():
    case = overdue_closure()
    sent(case)

    sent(case, now=datetime(2026, 7, 6, 18, tzinfo=PARIS), delivered_on=date(2026, 7, 6))

    assert request_rows(case) == {
        "answer-soon": ("pending", "2026-08-03 09:00"),
        "answer-late": ("pending", "2026-08-07 09:00"),
        "deletion-due": ("pending", "2026-10-06 09:00"),
    }


def test_an_extension_in_time_replaces_the_answers_reminders_with_later_ones():
    case = overdue_closure()
    sent(case, now=BACK, delivered_on=date(2026, 7, 3))
    case.reminders.filter(kind="answer-soon").update(status="sent")  # 31 July came

    sent(
        case,
        now=datetime(2026, 8, 1, 10, tzinfo=PARIS),
        delivered_on=date(2026, 7, 3),
        extension_notified_on=date(2026, 7, 31),
    )

    assert request_rows(case) == {
        "answer-soon": ("sent", "2026-07-31 09:00"),
        "answer-late": ("cancelled", "2026-08-04 09:00"),
        "extended-answer-soon": ("pending", "2026-10-02 09:00"),  # Saturday 3 October: due Monday 5
        "extended-answer-late": ("pending", "2026-10-06 09:00"),
        "deletion-due": ("pending", "2026-10-03 09:00"),
    }


def test_an_extension_notified_after_the_month_changes_nothing():
    case = overdue_closure()
    sent(case, now=BACK, delivered_on=date(2026, 7, 3))
    before = request_rows(case)

    sent(
        case,
        now=datetime(2026, 8, 4, 8, tzinfo=PARIS),
        delivered_on=date(2026, 7, 3),
        extension_notified_on=date(2026, 8, 4),
    )

    assert request_rows(case) == before


def test_no_reminder_after_the_answer_is_marked_received():
    case = overdue_closure()
    sent(case, now=BACK, delivered_on=date(2026, 7, 3))

    sent(
        case,
        now=datetime(2026, 7, 20, 10, tzinfo=PARIS),
        delivered_on=date(2026, 7, 3),
        answer_received_on=date(2026, 7, 20),
    )

    assert {status for status, _ in request_rows(case).values()} == {"cancelled"}


def test_confirming_the_closure_stops_them_too():
    case = overdue_closure()
    sent(case)

    services.step_mark_done(case=case, kind="closure_confirmed", now=datetime(2026, 7, 10, tzinfo=PARIS))

    assert {status for status, _ in request_rows(case).values()} == {"cancelled"}


def test_removing_the_request_cancels_what_is_still_to_come_and_keeps_what_was_sent():
    case = overdue_closure()
    sent(case)
    case.reminders.filter(kind="answer-soon").update(status="sent")

    services.written_request_delete(case=case, now=datetime(2026, 7, 30, tzinfo=PARIS))

    assert not WrittenRequest.objects.exists()
    assert request_rows(case)["answer-soon"][0] == "sent"
    assert request_rows(case)["answer-late"][0] == "cancelled"
    assert CaseEvent.objects.filter(case=case).last().kind == "request_removed"


def test_each_date_is_on_the_timeline_once():
    case = overdue_closure()
    sent(case)
    sent(case, now=BACK, delivered_on=date(2026, 7, 3))
    sent(
        case,
        delivered_on=date(2026, 7, 3),
        answer_received_on=date(2026, 7, 20),
        now=datetime(2026, 7, 21, tzinfo=PARIS),
    )

    events = [(e.kind, e.data) for e in CaseEvent.objects.filter(case=case, kind__startswith="request_")]
    assert events == [
        ("request_sent", {"day": "2026-07-01", "channel": "registered", "request": "closure"}),
        ("request_delivered", {"day": "2026-07-03"}),
        ("request_answered", {"day": "2026-07-20"}),
    ]


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        ({"sent_on": date(2026, 7, 2)}, "sent_on", "La date d'envoi ne peut pas être dans le futur."),
        ({"sent_on": date(2021, 7, 2)}, "sent_on", "Mon espace santé n'existait pas avant le décret"),
        ({"delivered_on": date(2026, 6, 30)}, "delivered_on", "ne peut pas être arrivée avant d'avoir été envoyée"),
        ({"delivered_on": date(2026, 7, 2)}, "delivered_on", "Cette date ne peut pas être dans le futur."),
        ({"answer_received_on": date(2026, 7, 2)}, "answer_received_on", "Cette date ne peut pas être dans le futur."),
        ({"extension_notified_on": date(2026, 6, 1)}, "extension_notified_on", "avant l'envoi de la demande"),
        ({"answer_received_on": date(2026, 6, 1)}, "answer_received_on", "La réponse ne peut pas précéder l'envoi"),
    ],
)
def test_impossible_dates_are_refused_with_the_field_named_and_nothing_written(dates, field, message):
    case = overdue_closure()

    with pytest.raises(ValidationError) as error:
        sent(case, **dates)

    assert message in plain(" ".join(error.value.message_dict[field]))
    assert not WrittenRequest.objects.exists()
    assert not case.reminders.filter(kind__in=REQUEST_KINDS).exists()


def test_the_request_kind_follows_the_route():
    assert services.request_kind_for(open_case(route="closure")) == "closure"
    assert services.request_kind_for(open_case(route="phone")) == "opposition"


def test_the_export_holds_the_requests_dates_and_nothing_else():
    case = overdue_closure()
    sent(case, now=BACK, delivered_on=date(2026, 7, 3))

    [exported] = export_for(user=case.person.owner)["people"][0]["cases"]

    assert exported["written_request"] == {
        "kind": "closure",
        "channel": "registered",
        "sent_on": "2026-07-01",
        "delivered_on": "2026-07-03",
        "extension_notified_on": None,
        "answer_received_on": None,
        "answer_due": "2026-08-03",
        "deletion_due": "2026-10-03",
    }


def test_deleting_the_case_deletes_its_request():
    case = overdue_closure()
    sent(case)

    services.case_delete(case=case, now=NOW)

    assert not WrittenRequest.objects.exists()
