import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_the_english_catalog_is_complete():
    """French is the source language; every message has its English translation."""
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(LOCALE / "en/LC_MESSAGES/django.po")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("language", ["fr", "en"])
def test_catalogs_compile(language):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(LOCALE / language / "LC_MESSAGES/django.po")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_french_quote_in_the_english_catalogue_is_marked_as_french():
    """English pages mark the French they quote with lang="fr" (optout/templatetags `actions`): each quote the
    English catalogue holds must be in FRENCH_QUOTED, or a screen reader reads it with an English voice."""
    import re
    from pathlib import Path

    import polib

    from optout.templatetags.optout import FRENCH_QUOTED

    catalogue = polib.pofile(str(Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"))
    quoted = set()
    for entry in catalogue:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            quoted |= {quote.strip("« »\u00a0\u202f") for quote in re.findall(r"«[^»]*»", text)}
    assert quoted <= set(FRENCH_QUOTED), quoted - set(FRENCH_QUOTED)
