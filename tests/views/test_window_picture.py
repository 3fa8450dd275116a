"""The window picture's words — what a screen reader reads of it — say what the dates list beside it
says: every date in order, an estimate as an estimate, and, for the last advised day and the legal
deadline, whether the 3422 answers that day (for someone who can phone; nothing of the 3422 otherwise).

The letter: sent Tuesday 27 October 2026, received Wednesday 28 October. Act by Saturday 28 November
(one month after receipt; the line is closed), legal deadline Tuesday 8 December (the line answers),
last advised day to call Friday 27 November.
"""

from datetime import date

import pytest
from django.utils import translation

from optout import deadlines
from optout.picture import picture
from tests.helpers import plain

LETTER = (date(2026, 10, 27), date(2026, 10, 28))
TODAY = date(2026, 11, 2)


def words(language: str, *, phone: bool = True, estimated: bool = False) -> str:
    dates = deadlines.deadlines_for(*LETTER, None, estimated)
    with translation.override(language):
        return plain(picture(dates, TODAY, phone=phone).summary)


def test_the_picture_says_on_which_of_its_days_the_3422_answers():
    said = words("fr")
    assert said == (
        "Aujourd'hui : lundi 2 novembre 2026. Reçu le : mercredi 28 octobre 2026. "
        "Dernier jour conseillé pour appeler le 3422 : vendredi 27 novembre 2026. "
        "Dernier jour conseillé pour s'opposer : samedi 28 novembre 2026 (le 3422 ne répond pas le week-end). "
        "Fin du délai légal, dernier jour pour s'opposer (6 semaines après l'envoi) : "
        "mardi 8 décembre 2026 (le 3422 répond ce jour-là). "
        "Ouverture de l'espace, sans opposition : mercredi 9 décembre 2026."
    )


def test_an_estimated_date_says_both_that_it_is_an_estimate_and_what_the_line_does():
    said = words("fr", estimated=True)
    assert "samedi 28 novembre 2026 (date estimée ; le 3422 ne répond pas le week-end)." in said
    assert "mardi 8 décembre 2026 (date estimée ; le 3422 répond ce jour-là)." in said
    assert "mercredi 9 décembre 2026 (date estimée)." in said


def test_nothing_of_the_3422_for_someone_who_cannot_phone():
    said = words("fr", phone=False)
    assert "3422" not in said
    assert "Dernier jour conseillé pour s'opposer : samedi 28 novembre 2026." in said


@pytest.mark.parametrize("estimated", [False, True])
def test_in_english(estimated):
    said = words("en", estimated=estimated)
    estimate = "estimated date; " if estimated else ""
    assert (
        f"Last advised day to object: Saturday 28 November 2026 ({estimate}3422 does not answer at weekends)." in said
    )
    assert f"Tuesday 8 December 2026 ({estimate}3422 answers that day)." in said
    assert "répond" not in said
