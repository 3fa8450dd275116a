"""The 3422's hours are Paris hours: overseas, they are said on the reader's clock too.

Paris is UTC+1 in winter and UTC+2 in summer; La Réunion is UTC+4, Mayotte UTC+3 and
Martinique UTC−4 all year. So 17:00 in Paris is 20:00 in La Réunion in January and 19:00 in
July; 8:30 in Paris is 3:30 in Martinique in January and 2:30 in July.
"""

from datetime import date, datetime

import pytest
from django.utils import translation

from optout.actions import next_action
from optout.deadlines import LINE_CLOSES, PARIS
from optout.wording import Who
from optout.wording.clock import line_facts, line_hours, paris_clock
from optout.wording.headline import headline
from tests.helpers import plain

WINTER, SUMMER = date(2026, 1, 15), date(2026, 7, 15)
ME = Who(relation="self", label="")


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        ("Indian/Reunion", WINTER, "de 8 h 30 à 17 h, heure de Paris, soit de 11 h 30 à 20 h à La Réunion"),
        ("Indian/Reunion", SUMMER, "de 8 h 30 à 17 h, heure de Paris, soit de 10 h 30 à 19 h à La Réunion"),
        ("America/Martinique", WINTER, "de 8 h 30 à 17 h, heure de Paris, soit de 3 h 30 à 12 h en Martinique"),
        ("America/Martinique", SUMMER, "de 8 h 30 à 17 h, heure de Paris, soit de 2 h 30 à 11 h en Martinique"),
        ("Indian/Mayotte", WINTER, "de 8 h 30 à 17 h, heure de Paris, soit de 10 h 30 à 19 h à Mayotte"),
        ("Indian/Mayotte", SUMMER, "de 8 h 30 à 17 h, heure de Paris, soit de 9 h 30 à 18 h à Mayotte"),
    ],
)
def test_the_lines_hours_are_said_in_paris_time_and_on_the_readers_clock(zone, day, expected):
    with translation.override("fr"):
        said = plain(line_hours(zone, on=day))

    assert said == f"du lundi au vendredi, {expected}, sauf les jours fériés"


def test_in_paris_the_hours_are_said_as_before():
    with translation.override("fr"):
        assert plain(line_hours("Europe/Paris", on=WINTER)) == (
            "du lundi au vendredi, de 8 h 30 à 17 h (heure de Paris), sauf les jours fériés"
        )
        assert plain(paris_clock(WINTER, LINE_CLOSES, "Europe/Paris")) == "17 h"


def test_english_says_the_local_hours_too():
    with translation.override("en"):
        assert plain(line_facts("Indian/Reunion", on=WINTER)).startswith(
            "3422 answers Monday to Friday, 8:30 am to 5 pm Paris time, that is 11:30 am to 8 pm in Réunion, "
            "except public holidays."
        )


def test_a_moment_that_falls_on_the_next_day_there_says_which_day():
    # 23:59 in Paris on a Monday is 2:59 on the Tuesday in La Réunion.
    with translation.override("fr"):
        said = plain(paris_clock(date(2026, 1, 5), datetime(2026, 1, 5, 23, 59).time(), "Indian/Reunion"))

    assert said == "23 h 59, heure de Paris, soit 2 h 59 le mardi 6 janvier à La Réunion"


@pytest.mark.parametrize(
    ("zone", "now", "hours"),
    [
        ("Indian/Reunion", datetime(2026, 1, 5, 9, tzinfo=PARIS), "17 h, heure de Paris, soit 20 h à La Réunion"),
        ("Indian/Reunion", datetime(2026, 6, 1, 9, tzinfo=PARIS), "17 h, heure de Paris, soit 19 h à La Réunion"),
        ("America/Martinique", datetime(2026, 1, 5, 9, tzinfo=PARIS), "17 h, heure de Paris, soit 12 h en Martinique"),
        ("America/Martinique", datetime(2026, 6, 1, 9, tzinfo=PARIS), "17 h, heure de Paris, soit 11 h en Martinique"),
        ("Indian/Mayotte", datetime(2026, 1, 5, 9, tzinfo=PARIS), "17 h, heure de Paris, soit 19 h à Mayotte"),
        ("Indian/Mayotte", datetime(2026, 6, 1, 9, tzinfo=PARIS), "17 h, heure de Paris, soit 18 h à Mayotte"),
    ],
)
def test_the_next_action_gives_its_last_moment_in_both_times(zone, now, hours):
    received = now.date()
    action = next_action(sent_on=received, received_on=received, route="phone", now=now)

    with translation.override("fr"):
        words = headline(action, ME, received, time_zone=zone)

    assert f"avant {hours}." in plain(words.instruction)
