from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from optout import services
from optout.models import CallAttempt, Case, CaseEvent, Person, Step
from optout.state import dates_of
from tests.factories import PersonFactory, UserFactory
from tests.helpers import NOW, PARIS, letter, open_case

pytestmark = pytest.mark.django_db


def kinds(case):
    return sorted(case.steps.values_list("kind", flat=True))


def test_opening_a_phone_case_stores_the_dates_and_the_checklist():
    case = open_case()

    assert case.status == Case.Status.OPEN
    assert dates_of(case).act_by == date(2026, 3, 24)  # received 24 Feb + 1 month, before sent + 42 (3 April)
    assert case.legal_deadline == dates_of(case).legal_deadline == date(2026, 4, 3)
    assert kinds(case) == ["call", "confirmation_email", "prepare_call"]
    assert case.events.get().kind == CaseEvent.Kind.OPENED


def test_a_letter_with_a_code_marks_the_code_step_done_on_the_online_route():
    case = open_case(route="online", had_code=True)

    assert case.steps.get(kind="code_received").is_done
    assert not case.steps.get(kind="object_online").is_done


def test_a_closure_without_a_letter_starts_in_closing():
    case = open_case(route="closure")

    assert case.status == Case.Status.CLOSING
    assert case.letter is None and dates_of(case) is None and case.legal_deadline is None
    assert kinds(case) == ["close_space", "closure_confirmed", "code_received"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (letter(received_on=date(2026, 3, 5)), "received_on", "ne peut pas être dans le futur"),
        (letter(sent_on=date(2026, 3, 10), received_on=date(2026, 3, 1)), "sent_on", "dans le futur"),
        (letter(sent_on=date(2026, 2, 25), received_on=date(2026, 2, 24)), "received_on", "arrivé avant"),
        (letter(sent_on=date(2021, 7, 1), received_on=date(2021, 7, 3)), "sent_on", "4 août 2021"),
        (letter(sent_on=None, received_on=date(2021, 8, 3)), "received_on", "4 août 2021"),
    ],
)
def test_impossible_letters_are_refused_and_nothing_is_stored(data, field, message):
    person = PersonFactory()

    with pytest.raises(ValidationError) as error:
        services.case_open(person=person, route="phone", letter=data, now=NOW)

    assert message in " ".join(error.value.message_dict[field])
    assert not Case.objects.exists()


def test_a_letter_received_over_a_year_ago_is_accepted_for_closure_only():
    person = PersonFactory()
    old = letter(sent_on=date(2024, 11, 2), received_on=date(2024, 11, 5))

    with pytest.raises(ValidationError, match="délai légal est passé"):
        services.case_open(person=person, route="phone", letter=old, now=NOW)
    case = services.case_open(person=person, route="closure", letter=old, now=NOW)

    assert case.status == Case.Status.CLOSING


def test_marking_the_call_done_records_the_opposition_and_undo_reverts_it():
    case = open_case()

    services.step_mark_done(case=case, kind="call", now=NOW, note="conseillère aimable")
    case.refresh_from_db()
    assert case.status == Case.Status.OPPOSED
    assert case.steps.get(kind="call").note == "conseillère aimable"

    services.step_undo(case=case, kind="call", now=NOW)
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert not case.steps.get(kind="call").is_done


def test_a_step_marked_done_twice_is_refused_with_a_clear_message():
    case = open_case()
    services.step_mark_done(case=case, kind="prepare_call", now=NOW)

    with pytest.raises(ValidationError, match="déjà marquée comme faite"):
        services.step_mark_done(case=case, kind="prepare_call", now=NOW)


def test_a_note_holding_a_social_security_number_is_refused():
    case = open_case()

    with pytest.raises(ValidationError, match="ni numéro de sécurité sociale"):
        services.step_mark_done(case=case, kind="call", now=NOW, note="mon numéro 1 84 12 75 108 123 47")

    assert not case.steps.get(kind="call").is_done


def test_confirming_a_closure_before_requesting_it_is_refused():
    case = open_case(route="closure")

    with pytest.raises(ValidationError, match="demande de clôture"):
        services.step_mark_done(case=case, kind="closure_confirmed", now=NOW)


def test_the_closure_goes_requested_then_closed_and_undo_follows_the_order():
    case = open_case(route="closure")
    services.step_mark_done(case=case, kind="close_space", now=NOW)
    services.step_mark_done(case=case, kind="closure_confirmed", now=NOW)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED

    with pytest.raises(ValidationError, match="Annulez d’abord l’étape suivante"):
        services.step_undo(case=case, kind="close_space", now=NOW)


def test_changing_to_closure_keeps_the_code_step_and_drops_undone_phone_steps():
    case = open_case(route="online", had_code=True)
    services.step_mark_done(case=case, kind="prepare_online", now=NOW)

    services.case_change_route(case=case, route="closure", now=NOW)
    case.refresh_from_db()

    assert case.status == Case.Status.CLOSING
    assert case.steps.get(kind="code_received").is_done
    # The done step of the old route stays for the record; the undone ones go.
    assert kinds(case) == ["close_space", "closure_confirmed", "code_received", "prepare_online"]


def test_an_opposed_case_cannot_switch_to_another_opposition_route():
    case = open_case()
    services.step_mark_done(case=case, kind="call", now=NOW)

    with pytest.raises(ValidationError, match="déjà faite"):
        services.case_change_route(case=case, route="online", now=NOW)


def test_a_successful_call_marks_the_call_step_done():
    case = open_case()

    services.call_log(case=case, outcome=CallAttempt.Outcome.WORKED, note="", now=NOW)

    case.refresh_from_db()
    assert case.status == Case.Status.OPPOSED
    assert case.calls.count() == 1


def test_a_failed_call_changes_nothing_but_the_log():
    case = open_case()

    services.call_log(case=case, outcome=CallAttempt.Outcome.ASKED_FOR_CODE, note="plateforme Est", now=NOW)

    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert list(case.events.values_list("kind", flat=True)) == ["opened", "call_logged"]


def test_a_case_still_to_oppose_moves_to_closure_the_morning_its_space_opens_not_before():
    case = open_case()  # act_by 24 March 2026, legal deadline 3 April, the space opens 4 April
    day_after_act_by = datetime(2026, 3, 25, 0, 1, tzinfo=PARIS)
    legal_evening = datetime(2026, 4, 3, 23, 59, tzinfo=PARIS)
    opening_morning = datetime(2026, 4, 4, 0, 1, tzinfo=PARIS)

    assert services.cases_move_missed_windows(now=day_after_act_by) == 0  # late, but still in time
    assert services.cases_move_missed_windows(now=legal_evening) == 0
    assert services.cases_move_missed_windows(now=opening_morning) == 1
    assert services.cases_move_missed_windows(now=opening_morning) == 0

    case.refresh_from_db()
    assert (case.route, case.status, case.window_missed_on) == ("closure", "closing", date(2026, 4, 4))
    event = case.events.last()
    assert (event.kind, event.data) == (
        CaseEvent.Kind.WINDOW_MISSED,
        {"previous": "phone", "legal_deadline": "2026-04-03"},
    )


def test_the_missed_window_follows_the_owners_time_zone():
    owner = UserFactory(time_zone="America/Cayenne")  # UTC-3
    case = open_case(person=PersonFactory(owner=owner))
    paris_midnight = datetime(2026, 4, 4, 0, 30, tzinfo=PARIS)  # still 3 April in Cayenne

    assert services.cases_move_missed_windows(now=paris_midnight) == 0
    assert services.cases_move_missed_windows(now=datetime(2026, 4, 4, 6, 0, tzinfo=PARIS)) == 1  # 1:00 in Cayenne
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSING


def test_an_opposed_case_is_never_moved():
    case = open_case()
    services.step_mark_done(case=case, kind="call", now=NOW)

    assert services.cases_move_missed_windows(now=datetime(2026, 5, 1, 12, tzinfo=PARIS)) == 0


def test_a_closure_chosen_before_the_space_opens_can_go_back_to_the_phone_until_the_legal_deadline():
    case = open_case()
    services.case_change_route(case=case, route="closure", now=datetime(2026, 3, 25, 9, tzinfo=PARIS))

    services.case_change_route(case=case, route="phone", now=datetime(2026, 3, 30, 9, tzinfo=PARIS))
    case.refresh_from_db()
    assert (case.route, case.status) == ("phone", "open")
    assert services.cases_move_missed_windows(now=datetime(2026, 4, 4, 9, tzinfo=PARIS)) == 1

    with pytest.raises(ValidationError, match="délai légal est passé"):
        services.case_change_route(case=case, route="phone", now=datetime(2026, 4, 4, 10, tzinfo=PARIS))


def test_a_case_opened_in_the_late_phase_stays_to_oppose_until_its_space_opens():
    late = datetime(2026, 3, 26, 10, tzinfo=PARIS)  # act_by was 24 March, legal deadline 3 April
    case = open_case(now=late)

    assert (case.status, case.window_missed_on) == ("open", None)
    assert services.cases_move_missed_windows(now=datetime(2026, 4, 3, 18, tzinfo=PARIS)) == 0
    assert services.cases_move_missed_windows(now=datetime(2026, 4, 4, 8, tzinfo=PARIS)) == 1


def test_only_one_myself_per_account():
    person = PersonFactory(relation="self")

    with pytest.raises(ValidationError, match="Vous figurez déjà dans votre suivi"):
        services.person_create(owner=person.owner, label="Encore moi", relation="self")
    services.person_create(owner=person.owner, label="Léa", relation="child")

    assert person.owner.people.count() == 2


def test_removing_a_person_removes_their_cases_steps_and_calls():
    case = open_case()
    services.call_log(case=case, outcome="no_answer", note="", now=NOW)

    services.person_delete(person=case.person, now=NOW)

    assert not Person.objects.exists()
    assert not Case.objects.exists() and not Step.objects.exists() and not CallAttempt.objects.exists()
