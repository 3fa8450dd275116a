"""One vocabulary: routes, statuses, step and reminder kinds are named in optout/vocabulary.py only.

A bare "closing" or "close_space" elsewhere is how two parts of the code come
to mean different things by one word; this test finds them.
"""

import io
import re
import tokenize
from pathlib import Path

from optout import vocabulary

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ["optout", "reminders", "accounts", "config"]
#: Values that are also ordinary words of the code: a form field, a JSON key.
ALSO_PLAIN_WORDS = {
    "email",  # Channel.EMAIL, and the email field of every account form
    "sent",  # ReminderStatus.SENT, and the count of sent emails a task returns
    "failed",  # ReminderStatus.FAILED, and an SMTP result or a task's count
}
#: The same letters meaning something else in one place, and why.
ELSEWHERE = {
    ("optout/deadlines/letter.py", "sending"),  # RULE_SENDING: which rule set act-by (deadlines imports no Django)
    # Phase: defined once, in the pure deadline rules, which import no Django.
    ("optout/deadlines/letter.py", "safe"),
    ("optout/deadlines/letter.py", "late"),
    ("optout/deadlines/letter.py", "missed"),
    ("optout/services/common.py", "self"),  # select_for_update(of=("self",)): Django's word for the row itself
    ("optout/models.py", "self"),  # ForeignKey("self"): a reminder pointing at its catch-up
    ("optout/calendar.py", "last-call"),  # calendar UIDs: stable forever, whatever the reminder kinds become
    # The next action's kinds and the routes it reads, in the pure rules, which import no Django
    # (test_the_actions_routes_are_the_stored_routes holds them equal to the vocabulary's).
    ("optout/actions.py", "call"),
    ("optout/actions.py", "online"),
    ("optout/actions.py", "phone"),
    ("optout/actions.py", "closure"),
    ("optout/selectors/calendar.py", "closure-confirmation"),  # a calendar UID, likewise
    ("config/health.py", "unknown"),  # a health check not run (Scheme.UNKNOWN: who wrote a letter)
    # The glossary's anchors (/glossaire/#cpam), not who wrote a letter (Scheme).
    ("optout/wording/glossary.py", "cpam"),
    ("optout/wording/glossary.py", "msa"),
}
VALUES = {
    member.value
    for enum in (
        vocabulary.Route,
        vocabulary.CaseStatus,
        vocabulary.StepKind,
        vocabulary.ReminderKind,
        vocabulary.ReminderStatus,
        vocabulary.Relation,
        vocabulary.Channel,
        vocabulary.CallOutcome,
        vocabulary.EventKind,
        vocabulary.Situation,
        vocabulary.Undeliverable,
        vocabulary.RequestKind,
        vocabulary.RequestChannel,
        vocabulary.Scheme,
    )
    for member in enum
} - ALSO_PLAIN_WORDS


def string_literals(path: Path):
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
    for token in tokens:
        if token.type == tokenize.STRING:
            body = token.string.lstrip("rbuRBU")
            if body[:1] in "\"'" and body[1:-1] in VALUES and body[0] == body[-1]:
                yield token.start[0], body[1:-1]


def test_no_bare_vocabulary_literal_outside_the_vocabulary_module():
    found = []
    for folder in CHECKED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts or path.name == "vocabulary.py":
                continue
            name = str(path.relative_to(ROOT))
            found += [
                f"{name}:{line}: {value!r}" for line, value in string_literals(path) if (name, value) not in ELSEWHERE
            ]
    assert found == []


def test_the_check_finds_a_bare_literal(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('if case.status == "closing":\n    pass\n')
    assert list(string_literals(sample)) == [(1, "closing")]


COMPARED = re.compile(r"""(?:==|!=|\bin)\s*["']([\w-]+)["']""")


def test_templates_compare_with_named_constants_not_bare_strings():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.*")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            found += [
                f"{path.relative_to(ROOT)}:{number}: {value!r}" for value in COMPARED.findall(line) if value in VALUES
            ]
    assert found == []


def test_the_actions_routes_are_the_stored_routes():
    from optout import actions

    assert (actions.PHONE, actions.ONLINE, actions.CLOSURE) == (
        vocabulary.Route.PHONE,
        vocabulary.Route.ONLINE,
        vocabulary.Route.CLOSURE,
    )
