"""Every reminder is true for the person it names: you, your child, a represented adult, another adult.

Each email is rendered on the day it is due, for each person kind, in both languages. The reminders about
the next action (lead, last call, late, missed) say that action first, addressed to whoever acts.
"""

from datetime import datetime
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from optout.models import Reminder
from optout.services import step_mark_done
from reminders import emails
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case, plain

# The default letter: act by Tuesday 24 March 2026, legal deadline Friday 3 April, opens Saturday 4 April.
DUE = {
    "lead-7": datetime(2026, 3, 17, 9, tzinfo=PARIS),
    "last-call": datetime(2026, 3, 24, 9, tzinfo=PARIS),
    "late-start": datetime(2026, 3, 25, 9, tzinfo=PARIS),
    "late-lead": datetime(2026, 4, 1, 9, tzinfo=PARIS),
    "late-last-call": datetime(2026, 4, 3, 9, tzinfo=PARIS),
    "missed": datetime(2026, 4, 4, 9, tzinfo=PARIS),
    "code-awaited": datetime(2026, 3, 12, 9, tzinfo=PARIS),
    "closure-confirmation": datetime(2026, 6, 30, 9, tzinfo=PARIS),
    "retention-warning": datetime(2027, 2, 16, 9, tzinfo=PARIS),
}
ROUTE = {"code-awaited": "online", "closure-confirmation": "closure"}

SELF = {"fr": ["votre espace"], "en": ["your space"]}
CHILD = {
    "fr": ["l'espace de Léa", "C'est vous, son parent, qui faites la démarche pour Léa."],
    "en": ["Léa's space", "You, as the parent, take the steps for Léa."],
}
REPRESENTED = {
    "fr": ["l'espace de Léa", "C'est vous, son représentant légal, qui faites la démarche pour Léa."],
    "en": ["Léa's space", "You, as the legal representative, take the steps for Léa."],
}
ADULT = {
    "fr": ["l'espace de Léa", "C'est à Léa de faire la démarche : appeler le 3422 ou aller en ligne"],
    "en": ["Léa's space", "It is up to Léa to take the steps: call 3422 or go online"],
}
#: How the action emails begin, by who acts (the moment follows).
ACTION = {
    ("self", "fr"): "Appelez le 3422 ",
    ("self", "en"): "Call 3422 ",
    ("child", "fr"): "Appelez le 3422 pour Léa ",
    ("child", "en"): "Call 3422 for Léa ",
    ("represented", "fr"): "Appelez le 3422 pour Léa ",
    ("represented", "en"): "Call 3422 for Léa ",
    ("adult", "fr"): "À faire par Léa : appeler le 3422 ",
    ("adult", "en"): "For Léa to do: call 3422 ",
}
CALLS = {"lead-7", "last-call", "late-start", "late-lead", "late-last-call"}
#: Another adult asks for their own space to be closed.
ADULT_OWN_SPACE = {"fr": "Léa a demandé la clôture de son espace", "en": "Léa asked for their space to be closed"}
#: What would tell you to act when another adult of the household takes the steps themself.
TELLS_YOU_TO_ACT = {
    "fr": [
        "Appelez le 3422",
        "appelez avant",
        "vous pouvez aussi refuser",
        "Vous pouvez le clôturer",
        "Vous avez demandé la clôture",
        "Si vous les avez",
        "Gardez-le",
        "demandez-en un nouveau",
        "Ce qu'il faut dire au téléphone",
        "Vous pouvez encore refuser",
    ],
    "en": [
        "Call 3422 by",
        "Call 3422 as soon",
        "Call by that day",
        "you can also refuse",
        "You can close it",
        "you asked for",
        "If you have them",
        "Keep it",
        ": ask for a new one",
        "What to say on the phone",
        "You can still refuse",
    ],
}
#: Kinds whose email speaks about the space (the action emails speak about the action; the retention
#: notice about our data).
NAMES_THE_SPACE = {"missed", "code-awaited", "closure-confirmation"}
#: Kinds whose email says who takes the steps.
SAYS_WHO_ACTS = {"lead-7", "last-call", "late-start", "late-lead", "late-last-call"}


def rendered(kind: str, relation: str, language: str) -> str:
    user = UserFactory(language=language)
    label = "Moi" if relation == "self" else "Léa"
    route = ROUTE.get(kind, "phone")
    case = open_case(user, route=route, label=label, relation=relation)
    if kind == "closure-confirmation":
        step_mark_done(case=case, kind="close_space", now=datetime(2026, 3, 31, 10, tzinfo=PARIS))
    if kind == "retention-warning":
        step_mark_done(case=case, kind="call", now=datetime(2026, 3, 2, 11, tzinfo=PARIS))
    reminder = Reminder(case=case, kind=kind, due_at=DUE[kind])
    with time_machine.travel(DUE[kind], tick=False):
        subject, text, html = emails.render_reminder(*emails.reminder_parts(reminder, now=timezone.now()))
    return plain("\n".join([subject, text, unescape(html)]))  # both parts say the same


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", sorted(DUE))
def test_an_email_about_yourself_says_your_space_and_never_names_you_in_the_third_person(kind, language):
    text = rendered(kind, "self", language)

    if kind in NAMES_THE_SPACE:
        assert any(phrase in text for phrase in SELF[language]), text
    if kind in CALLS:
        assert ACTION["self", language] in text, text
    assert "Moi" not in text  # the label people give themselves is never used as a name
    assert "son parent" not in text and "as the parent" not in text


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("relation", ["child", "represented", "adult"])
@pytest.mark.parametrize("kind", sorted(DUE))
def test_an_email_about_someone_else_names_them_and_never_says_your_own(kind, relation, language):
    text = rendered(kind, relation, language)
    phrases = {"child": CHILD, "represented": REPRESENTED, "adult": ADULT}[relation][language]

    if kind in NAMES_THE_SPACE:
        assert phrases[0] in text or (relation == "adult" and ADULT_OWN_SPACE[language] in text), text
    if kind in SAYS_WHO_ACTS:
        assert phrases[1] in text, text
    if kind in CALLS:
        assert ACTION[relation, language] in text, text
    for wrong in ("votre espace", "votre numéro de sécurité sociale", "Votre numéro de sécurité sociale"):
        assert wrong not in text
    for wrong in ("your space", "Your social security number", "your social security number"):
        assert wrong not in text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["lead-7", "last-call"])
def test_without_a_code_the_online_route_points_to_the_phone_instead_of_the_website(kind):
    text = rendered_online(kind, code=False)
    with_code = rendered_online(kind, code=True)

    # The online route's own action first, then the call still possible, with its own moment.
    assert text.startswith(("J-7 : refusez en ligne", "Dernier jour conseillé : refusez en ligne"))
    assert (
        "Pas encore de code provisoire ? Demandez-en un nouveau sur monespacesante.fr, ou passez par le "
        "téléphone : appelez le 3422" in text
    )
    assert "Pas encore de code provisoire" not in with_code
    assert "normalement pas de code" not in text + with_code


def rendered_online(kind: str, code: bool) -> str:
    case = open_case(UserFactory(), route="online", had_code=code)
    reminder = Reminder(case=case, kind=kind, due_at=DUE[kind])
    with time_machine.travel(DUE[kind], tick=False):
        subject, text, html = emails.render_reminder(*emails.reminder_parts(reminder, now=timezone.now()))
    return plain("\n".join([subject, text, unescape(html)]))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", sorted(DUE))
def test_an_email_about_another_adult_says_what_they_do_and_never_tells_you_to_do_it(kind, language):
    text = rendered(kind, "adult", language)

    for wrong in TELLS_YOU_TO_ACT[language]:
        assert wrong not in text, (wrong, text)


@pytest.mark.django_db
def test_the_late_reminder_counts_to_the_call_on_the_legal_deadline():
    text = rendered("late-lead", "self", "fr")  # legal deadline Friday 3 April, a day the 3422 answers

    assert text.startswith("J-2 : appelez le 3422 au plus tard le vendredi 3 avril 2026, avant 17 h")
    assert "Le délai légal, 6 semaines après l'envoi, court jusqu'au vendredi 3 avril 2026" in text
    assert "appelez avant" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "says", "never"),
    [
        ("last-call", "Dernier jour conseillé : appelez le 3422 aujourd'hui, avant 17 h", "pour s'opposer"),
        ("late-start", "J-9 : appelez le 3422 au plus tard le vendredi 3 avril 2026", "dernier jour conseillé :"),
        ("late-last-call", "Dernier jour pour s'opposer : appelez le 3422 aujourd'hui, avant 17 h", "conseillé :"),
    ],
)
def test_only_the_legal_deadline_is_called_the_last_day_to_object(kind, says, never):
    text = rendered(kind, "self", "fr")
    subject = text.splitlines()[0]

    assert subject.startswith(says)
    assert never not in subject
