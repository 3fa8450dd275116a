"""Names and notes never carry control characters or text-reversing marks into emails and calendars."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from optout import services
from optout.forms import PersonForm, StepNoteForm
from tests.factories import PersonFactory
from tests.helpers import NOW, open_case, text

pytestmark = pytest.mark.django_db

HIDDEN = [
    "\u202e",  # right-to-left override
    "\u202d",  # left-to-right override
    "\u2066",  # left-to-right isolate
    "\u2067",  # right-to-left isolate
    "\u200f",  # right-to-left mark
    "\x00",
    "\x07",  # bell
    "\x1b",  # escape
    "\x7f",
    "\x85",  # next line (C1)
]
ERROR = "caractère invisible ou de contrôle"


@pytest.mark.parametrize("char", [*HIDDEN, "\n", "\r", "\t", "\u2028"])
def test_a_name_with_a_control_or_bidirectional_character_is_refused_everywhere(user_client, user, char):
    label = f"Léa{char}gpj.exe"
    person = PersonFactory(owner=user, label="Moi")

    with pytest.raises(ValidationError, match=ERROR):
        services.person_create(owner=user, label=label, relation="child")
    with pytest.raises(ValidationError, match=ERROR):
        services.person_update(person=person, label=label, relation="self", now=NOW)
    assert not PersonForm({"label": label, "relation": "child"}).is_valid()
    response = user_client.post(reverse("people"), {"label": label, "relation": "child"})

    assert response.status_code == 200
    assert ERROR in text(response) or (char == "\x00" and "Le caractère nul" in text(response))  # Django's own
    assert list(user.people.values_list("label", flat=True)) == ["Moi"]


def test_the_error_is_translated(client, user):
    user.language = "en"
    user.save()
    client.force_login(user)

    try:
        response = client.post(reverse("people"), {"label": "Léa\u202egpj", "relation": "child"})
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the person's language stays with their request

    assert "invisible or control character" in text(response)


@pytest.mark.parametrize("char", HIDDEN)
def test_a_note_with_one_is_refused_but_line_breaks_are_fine(char):
    case = open_case()

    assert not StepNoteForm({"note": f"appelé{char}ce matin"}).is_valid()
    with pytest.raises(ValidationError, match=ERROR):
        services.call_log(case=case, outcome="no_answer", note=f"appelé{char}ce matin", now=NOW)
    services.call_log(case=case, outcome="no_answer", note="appelé ce matin\nrappeler demain\tà 9 h", now=NOW)

    assert list(case.calls.values_list("note", flat=True)) == ["appelé ce matin\nrappeler demain\tà 9 h"]


@pytest.mark.parametrize(
    ("typed", "code", "message"),
    [
        (
            "Léa\u202e",
            "hidden_character",
            "Ce texte contient un caractère invisible ou de contrôle (par exemple un changement de sens "
            "d’écriture) que nous ne pouvons pas enregistrer. Retapez-le sans copier-coller.",
        ),
        (
            "Léa\ue000",
            "private_use",
            "Ce texte contient un caractère spécial que nous ne pouvons pas enregistrer. Retapez-le sans lui.",
        ),
        (
            "mon numéro 1 85 05 78 006 084 91",
            "identifier",
            "Pour votre sécurité, nous n’enregistrons ni numéro de sécurité sociale ni code provisoire. "
            "Retirez-le de ce champ.",
        ),
    ],
)
def test_each_refusal_says_what_to_do_and_names_its_reason_for_the_page(typed, code, message):
    # The page shows the message; it reads the reason (the code) to show a refused note again in its field.
    from optout.validators import no_identifiers

    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        no_identifiers(typed)
    assert (refused.value.code, refused.value.messages) == (code, [message])


def test_a_name_on_one_line_is_not_hidden_text_but_a_line_break_in_it_is():
    from optout.validators import hidden_character

    assert hidden_character("Léa Martin-Dupont", lines=False) is None
    assert hidden_character("Léa\u2028Martin", lines=False) == "\u2028"
    assert hidden_character("Léa\nMartin", lines=True) is None
