"""Write French typography into the French catalogue: each msgstr is its msgid, typeset.

Run by `make makemessages` after Django's makemessages; `make messages` compiles it.
Usage: python scripts/typeset-french.py [locale/fr/LC_MESSAGES/django.po]
"""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from config.typography import typeset


def main(path: str) -> None:
    catalogue = polib.pofile(path)
    changed = 0
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            wanted = {0: typeset(entry.msgid), 1: typeset(entry.msgid_plural)}
            if entry.msgstr_plural != wanted:
                entry.msgstr_plural, changed = wanted, changed + 1
        else:
            wanted = typeset(entry.msgid)
            if entry.msgstr != wanted:
                entry.msgstr, changed = wanted, changed + 1
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    catalogue.save(path)
    print(f"typeset-french: {changed} French messages set in {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "locale/fr/LC_MESSAGES/django.po")
