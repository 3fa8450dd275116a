"""« Pouvez-vous téléphoner ? »: asked on the person, changeable; a no keeps every case away from the phone."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from optout import services
from tests.factories import PersonFactory
from tests.helpers import NOW, PARIS, RECEIVED_ON, open_case

pytestmark = pytest.mark.django_db


def test_a_person_who_cannot_phone_cannot_start_a_phone_case():
    person = PersonFactory(relation="helped", label="Jeanne", can_call=False)

    with pytest.raises(ValidationError, match=r"le téléphone n.est pas possible pour cette personne"):
        open_case(person=person, route="phone")
    assert open_case(person=person, route="online").route == "online"


def test_saying_no_to_the_phone_moves_open_phone_cases_online_and_resyncs_every_case():
    person = PersonFactory(relation="self", label="Moi")
    phone = open_case(person=person, route="phone")
    opposed = open_case(person=person, route="phone", received_on=RECEIVED_ON - timedelta(days=1))
    services.step_mark_done(case=opposed, kind="call", now=NOW)
    lead = phone.reminders.get(kind="lead-7")

    services.person_update(person=person, label="Moi", relation="self", can_call=False, now=NOW)

    phone.refresh_from_db()
    opposed.refresh_from_db()
    assert (phone.route, phone.status) == ("online", "open")
    assert opposed.route == "phone"  # done: nothing to move
    assert phone.events.filter(kind="route_changed").exists()
    lead.refresh_from_db()
    # Act-by, Tuesday 24 March: seven days before is Tuesday 17 March, at the person's hour (no longer the
    # line's constraints, which gave the same day here).
    assert lead.due_at == datetime(2026, 3, 17, 9, tzinfo=PARIS)
    assert phone.reminders.get(kind="last-call", status="pending").due_at == datetime(2026, 3, 24, 9, tzinfo=PARIS)
    # Saying yes again changes no route: the phone is simply offered again.
    services.person_update(person=person, label="Moi", relation="self", can_call=True, now=NOW)
    phone.refresh_from_db()
    assert phone.route == "online"
