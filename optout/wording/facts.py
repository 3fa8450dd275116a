"""The rules' numbers in words, from their constants: « six semaines », « un mois », « trois mois ».

A sentence that states a period of a rule never writes it: it takes it from here (a
`%(opposition_period)s` in its message), and here reads the constant in the rule's own
module (optout.deadlines.letter, optout.deadlines.requests) when the sentence is said.
Change a rule's number there and every page, email and letter follows; the hours of the
3422 are said the same way by optout.wording.clock (`clock`, `line_hours`).

`facts()` gives every period at once, for a message's values; templates read the same
with `{% rule_facts as facts %}` (optout/templatetags/optout.py), then
`{% blocktranslate with period=facts.opposition_period %}`.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy, ngettext

from optout.deadlines import checks, letter, requests

#: Small numbers in words (masculine; « une semaine » is its own message).
_NUMBERS = {
    2: gettext_lazy("deux"),
    3: gettext_lazy("trois"),
    4: gettext_lazy("quatre"),
    5: gettext_lazy("cinq"),
    6: gettext_lazy("six"),
    7: gettext_lazy("sept"),
    8: gettext_lazy("huit"),
    9: gettext_lazy("neuf"),
    10: gettext_lazy("dix"),
    11: gettext_lazy("onze"),
    12: gettext_lazy("douze"),
}


def _number(count: int) -> str:
    return str(_NUMBERS.get(count, count))


def weeks(count: int) -> str:
    """« six semaines » / « six weeks »."""
    return ngettext("une semaine", "%(count)s semaines", count) % {"count": _number(count)}


def months(count: int) -> str:
    """« un mois », « trois mois » / « one month », « three months »."""
    return ngettext("un mois", "%(count)s mois", count) % {"count": _number(count)}


def of(period: str) -> str:
    """French « de » before a period, elided: « d'un mois », « de trois mois »; English: the period."""
    if get_language() != "fr":
        return period
    return f"d’{period}" if period[:1] in "aeéiouy" else f"de {period}"


def than(period: str) -> str:
    """French « que » before a period, elided: « qu'un mois », « que trois mois »; English: the period."""
    if get_language() != "fr":
        return period
    return f"qu’{period}" if period[:1] in "aeéiouy" else f"que {period}"


def years(count: int) -> str:
    """« dix ans » / « ten years »."""
    return ngettext("un an", "%(count)s ans", count) % {"count": _number(count)}


def facts() -> dict[str, str]:
    """Every rule's period in words, in the active language, for a message's values."""
    return dict(
        _facts(
            get_language(),
            letter.OPPOSITION_DAYS,
            letter.RECEIPT_MONTHS,
            requests.ANSWER_MONTHS,
            requests.EXTENDED_ANSWER_MONTHS,
            requests.CLOSURE_CONFIRMATION_MONTHS,
            requests.ARCHIVE_YEARS,
            checks.SLOW_DELIVERY_DAYS,
        )
    )


@lru_cache(maxsize=16)
def _facts(
    language: str | None,
    opposition_days: int,
    receipt_months: int,
    answer_months: int,
    extended_months: int,
    deletion_months: int,
    archive_years: int,
    slow_delivery_days: int,
) -> dict[str, str]:
    """`facts()` for one language and one set of the rules' values (a page asks a dozen times)."""
    opposition = weeks(opposition_days // 7) if opposition_days % 7 == 0 else None
    if opposition is None:
        opposition = ngettext("%(count)s jour", "%(count)s jours", opposition_days) % {"count": opposition_days}
    receipt = months(receipt_months)
    answer = months(answer_months)
    deletion = months(deletion_months)
    return {
        # R1111-28, in figures: « 6 semaines » (messages that write `%(weeks)s semaines`).
        "weeks": str(opposition_days // 7),
        # R1111-28: the space opens this long after the information was sent.
        "opposition_period": opposition,
        # The guides' reading: this long after the letter arrived.
        "receipt_period": receipt,
        "than_receipt_period": than(receipt),
        # GDPR art. 12(3): the time to answer a written request, and with an extension.
        "answer_period": answer,
        "of_answer_period": of(answer),
        "extended_period": months(extended_months),
        "extended_count": _number(extended_months),
        # The extension itself: the extended period less the first month.
        "extension_period": months(extended_months - answer_months),
        # R1111-36: the deletion after a closure request.
        "deletion_period": deletion,
        "of_deletion_period": of(deletion),
        # R1111-36: without a deletion, a closed space's data are archived this long.
        "archive_period": years(archive_years),
        # A letter arriving this long after its printed date is worth a second look.
        "slow_delivery_period": weeks(slow_delivery_days // 7),
    }
