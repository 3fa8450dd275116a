"""A rule's numbers are said once, by the rule's constant (optout/deadlines/), never as literal text.

The 3422's hours, the six weeks of R1111-28, the guides' one month, the month a caisse has to
answer, the three months of a deletion: a page, an email or a message that wrote them out would
keep saying them after the rule changed. Sentences take them from optout.wording.facts (periods)
and optout.wording.clock (hours); these tests find the literal ones, and change the constants to
see the words follow.
"""

import io
import re
import tokenize
from datetime import time
from pathlib import Path

import polib
import pytest
from django.utils import translation

from optout.deadlines import deadlines_for, letter, line, requests
from optout.wording.facts import facts
from optout.wording.people import Who
from optout.wording.reminders import closure_confirmation_words
from tests.helpers import plain, text

ROOT = Path(__file__).resolve().parents[2]
SPACE = "[ \u00a0\u202f]"
#: How a rule's value reads when it is written out: periods in words or figures, the line's hours.
LITERAL = re.compile(
    "|".join(
        [
            r"\b(une?|deux|trois|quatre|cinq|six|sept|huit|\d+) (semaines?|mois)\b",
            r"\b(a|one|two|three|four|five|six|seven|eight|\d+)[ -](weeks?|months?)\b",
            r"\b42 (jours|days)\b",
            # Years in words: the archive's ten years. (« 18 ans », the age of majority, is the civil code's;
            # the one year of our own retention and of an old letter are not rules of optout/deadlines/.)
            r"\b(deux|trois|cinq|dix|two|three|five|ten) (ans|years)\b",
            rf"\b\d{{1,2}}{SPACE}?h{SPACE}?\d\d\b",
            rf"\b(8|17){SPACE}?h\b",
            r"\b(8:30|17:00)\b",
            rf"\b(5|8:30){SPACE}?(am|pm)\b",
        ]
    ),
    re.IGNORECASE,
)
#: Where a rule's words may stay, and why.
QUOTES = {
    # The sources we cite, quoted as they read: the law's own words, not ours.
    "optout/sources.py",
    # The periods in words themselves.
    "optout/wording/facts.py",
}


def _literal(text: str) -> list[str]:
    return [match.group(0) for match in LITERAL.finditer(text)]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_message_writes_a_rules_number(language):
    catalogue = polib.pofile(str(ROOT / f"locale/{language}/LC_MESSAGES/django.po"))
    found = [
        (entry.msgid[:80], literal)
        for entry in catalogue
        if not {path for path, _line in entry.occurrences} <= QUOTES
        for said in (entry.msgid, entry.msgid_plural, entry.msgstr, *entry.msgstr_plural.values())
        for literal in _literal(said or "")
    ]
    assert found == []


def test_no_template_writes_a_rules_number():
    found = [
        (str(path.relative_to(ROOT)), literal)
        for path in sorted((ROOT / "templates").rglob("*"))
        if path.is_file()
        for literal in _literal(re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", path.read_text(), flags=re.S))
    ]
    assert found == []


def _strings(path: Path) -> list[str]:
    """The string literals of a module, but its docstrings and comments (they explain the rules)."""
    strings, previous = [], tokenize.NEWLINE
    for token in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
        if token.type == tokenize.STRING and previous not in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            strings.append(token.string)
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            previous = token.type
    return strings


def test_no_python_string_writes_a_rules_number():
    found = [
        (str(path.relative_to(ROOT)), literal)
        for folder in ("optout", "accounts", "config")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts and str(path.relative_to(ROOT)) not in QUOTES
        for string in _strings(path)
        for literal in _literal(string)
    ]
    assert found == []


def test_the_scan_finds_a_rules_number_written_out():
    """The tests above can fail: each way of writing a rule's value is found."""
    for said in ("six semaines", "un mois", "trois mois", "42 jours", "8 h 30", "17\u00a0h", "17:00", "5 pm"):
        assert _literal(said), said
    for said in ("six weeks", "one month", "a month", "three months", "one-month", "dix ans", "ten years"):
        assert _literal(said), said
    assert _literal("Le 3422 répond du lundi au vendredi.") == []


def test_the_periods_read_as_before():
    with translation.override("fr"):
        said = {key: plain(value) for key, value in facts().items()}
        assert (said["opposition_period"], said["answer_period"], said["deletion_period"]) == (
            "six semaines",
            "un mois",
            "trois mois",
        )
        assert (said["of_answer_period"], said["than_receipt_period"]) == ("d'un mois", "qu'un mois")
    with translation.override("en"):
        said = facts()
        assert (said["opposition_period"], said["answer_period"], said["deletion_period"]) == (
            "six weeks",
            "one month",
            "three months",
        )


@pytest.fixture
def changed_rules(monkeypatch):
    """The rules as they might be changed one day: seven weeks, two months, four months, 18:00."""
    monkeypatch.setattr(letter, "OPPOSITION_DAYS", 49)
    monkeypatch.setattr(letter, "RECEIPT_MONTHS", 2)
    monkeypatch.setattr(requests, "ANSWER_MONTHS", 2)
    monkeypatch.setattr(requests, "CLOSURE_CONFIRMATION_MONTHS", 4)
    monkeypatch.setattr(requests, "ARCHIVE_YEARS", 5)
    monkeypatch.setattr(line, "LINE_CLOSES", time(18, 0))
    deadlines_for.cache_clear()
    yield
    deadlines_for.cache_clear()


@pytest.mark.django_db
def test_changing_a_rules_constant_changes_what_the_pages_say(client, changed_rules):
    home = text(client.get("/"))
    assert "automatiquement sept semaines après l'envoi" in home
    assert "« deux mois après réception »" in home
    assert "de 8 h 30 à 18 h" in home
    assert "elles sont archivées cinq ans" in home
    assert "six semaines après l'envoi" not in home and "17 h" not in home
    assert "dans le délai de deux mois prévu" in text(client.get("/ecrire-a-ma-caisse/"))


@pytest.mark.django_db
def test_changing_a_rules_constant_changes_what_the_english_pages_say(english_client, changed_rules):
    home = text(english_client.get("/"))
    assert "seven weeks after" in home
    assert "6 pm" in home and "5 pm" not in home


def test_changing_a_rules_constant_changes_what_the_emails_say(changed_rules):
    with translation.override("fr"):
        words = closure_confirmation_words(Who(relation="self", label=""))
    assert "il y a quatre mois" in plain(words["subject"])
    assert "dans les quatre mois suivant la demande" in plain(words["law"])
