"""A case's deletion requests: each with its own due date, oldest first, and where it stands on a day."""

from datetime import date

from optout.deadlines import request_dates
from optout.deletion import deletion_requests

ONLINE = date(2026, 12, 15)  # due 15 March 2027
LETTER = request_dates(date(2027, 3, 16), date(2027, 3, 18), deletion=True)  # due 18 June 2027


def test_the_online_closure_and_the_letter_each_keep_their_own_date():
    online, letter = deletion_requests(today=date(2027, 4, 10), online_on=ONLINE, confirmed_on=None, written=LETTER)

    assert (online.online, online.requested_on, online.due, online.overdue) == (True, ONLINE, date(2027, 3, 15), True)
    assert (letter.online, letter.requested_on, letter.due, letter.overdue) == (
        False,
        date(2027, 3, 16),
        date(2027, 6, 18),
        False,
    )


def test_a_letter_sent_before_the_online_closure_comes_first():
    late_online = date(2027, 3, 20)
    requests = deletion_requests(today=date(2027, 4, 10), online_on=late_online, confirmed_on=None, written=LETTER)

    assert [r.online for r in requests] == [False, True]


def test_an_answer_or_a_confirmation_stops_a_request_being_overdue():
    answered = request_dates(date(2027, 3, 16), date(2027, 3, 18), answer_received_on=date(2027, 4, 2), deletion=True)
    [letter] = deletion_requests(today=date(2027, 7, 1), online_on=None, confirmed_on=None, written=answered)
    assert letter.answered_on == date(2027, 4, 2) and not letter.overdue

    confirmed = deletion_requests(
        today=date(2027, 7, 1), online_on=ONLINE, confirmed_on=date(2027, 4, 1), written=LETTER
    )
    assert [r.overdue for r in confirmed] == [False, False]


def test_an_opposition_letter_asks_no_deletion_of_its_own():
    opposition = request_dates(date(2027, 3, 16), date(2027, 3, 18))
    assert deletion_requests(today=date(2027, 7, 1), online_on=None, confirmed_on=None, written=opposition) == []
