"""A letter's dates that look odd (a slow post, a year typed wrong, day and month swapped):
the person is asked to check them, nothing is refused. Pure: `today` is passed in."""

from __future__ import annotations

from datetime import date

from optout.deadlines.days import add_months

#: A letter usually arrives within days of its printed date: a longer gap is worth a second look.
SLOW_DELIVERY_DAYS = 21
#: Odd dates that are still possible: the person is asked to check them, nothing is refused.
ODD_SLOW, ODD_OLD, ODD_SWAP = "slow", "old", "swap"


def _oddities(sent_on: date | None, received_on: date, today: date) -> list[str]:
    odd = []
    if sent_on is not None and (received_on - sent_on).days > SLOW_DELIVERY_DAYS:
        odd.append(ODD_SLOW)
    if received_on < add_months(today, -12):
        odd.append(ODD_OLD)
    return odd


def odd_dates(sent_on: date | None, received_on: date, today: date) -> list[str]:
    """What looks odd about a letter's dates: ODD_SLOW (arrived over three weeks after its
    printed date), ODD_OLD (arrived over a year ago: a typo in the year?); and ODD_SWAP when
    reading a date month first instead of day first would make the letter ordinary
    (`other_reading` gives that reading)."""
    odd = _oddities(sent_on, received_on, today)
    if odd and other_reading(sent_on, received_on, today) is not None:
        odd.append(ODD_SWAP)
    return odd


def day_month_swapped(day: date | None) -> date | None:
    """The same date read month first (02/11 → 11 February), when that is another real date."""
    if day is None or day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def _ordinary(sent_on: date | None, received_on: date, today: date) -> bool:
    in_order = sent_on is None or sent_on <= received_on
    return in_order and received_on <= today and not _oddities(sent_on, received_on, today)


def other_reading(sent_on: date | None, received_on: date, today: date) -> tuple[date | None, date] | None:
    """The letter's dates with one or both read month first, when the typed reading is odd, out of
    order or in the future and that other reading is an ordinary letter (arrived after its printed
    date, by today, within three weeks, within a year). None otherwise."""
    if _ordinary(sent_on, received_on, today):
        return None
    swapped_sent, swapped_received = day_month_swapped(sent_on), day_month_swapped(received_on)
    for sent, received in ((swapped_sent, received_on), (sent_on, swapped_received), (swapped_sent, swapped_received)):
        if received is None or (sent_on is not None and sent is None):
            continue
        if _ordinary(sent, received, today):
            return sent, received
    return None
