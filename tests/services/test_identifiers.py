"""No NIR or provisional code is ever stored, however it is typed; ordinary notes are.

Valid identifiers are written the way people write them — and the way anyone could:
any run of separators, percent-encoded, HTML references, in pairs or one character at a
time, any script's digits, circled digits, letters that look like digits or like Latin
letters — into every free-text field, through the detector, the services and the forms:
all refused, nothing stored, and a page that shows the form again keeps what was typed;
ordinary notes are saved. What the detector itself finds: tests/services/test_identifier_rules.py.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from hypothesis import assume, given
from hypothesis import strategies as st

from optout import services
from optout.forms import CallForm, PersonForm, StepNoteForm
from optout.models import CallAttempt, Person, Step
from tests.factories import PersonFactory
from tests.helpers import NOW, open_case, text
from tests.services.test_identifier_rules import FAST, PAGES, ordinary_notes, written

pytestmark = pytest.mark.django_db


@FAST
@given(typed=written(), field=st.sampled_from(["label", "step note", "call note"]))
@pytest.mark.slow
def test_every_service_refuses_it_and_stores_nothing(typed, field):
    assume(len(typed) <= 60 or field != "label")  # a name has 60 characters at most
    person = PersonFactory(label="Moi")
    case = open_case(person=person)
    people, notes, calls = (
        Person.objects.count(),
        list(Step.objects.values_list("note", flat=True)),
        CallAttempt.objects.count(),
    )

    with pytest.raises(ValidationError, match="nous n’enregistrons ni numéro de sécurité sociale"):
        if field == "label":
            services.person_update(person=person, label=typed, relation="self", now=NOW)
        elif field == "step note":
            services.step_mark_done(case=case, kind="call", now=NOW, note=typed)
        else:
            services.call_log(case=case, outcome="no_answer", note=typed, now=NOW)
    if len(typed) <= 60:
        with pytest.raises(ValidationError):
            services.person_create(owner=person.owner, label=typed, relation="child")

    person.refresh_from_db()
    assert person.label == "Moi"
    assert Person.objects.count() == people and CallAttempt.objects.count() == calls
    assert list(Step.objects.values_list("note", flat=True)) == notes
    assert not case.steps.get(kind="call").is_done


@pytest.mark.slow
@FAST
@given(typed=written())
def test_every_form_refuses_it(typed):
    assert not PersonForm({"label": typed, "relation": "child"}).is_valid()  # too long, or an identifier
    assert not StepNoteForm({"note": typed}).is_valid()
    assert not CallForm({"outcome": "no_answer", "note": typed}).is_valid()


@PAGES
@given(typed=written())
@pytest.mark.slow
def test_the_people_pages_refuse_it_and_keep_what_was_typed(user_client, user, typed):
    assume(len(typed) <= 60 and "\n" not in typed)  # a name: one line of 60 characters at most
    person = user.people.get_or_create(label="Moi", relation="self")[0]
    for url, data in [
        (reverse("people"), {"label": typed, "relation": "child"}),
        (reverse("person_edit", args=[person.pk]), {"label": typed, "relation": "self"}),
    ]:
        response = user_client.post(url, data)

        assert response.status_code == 200
        html = response.content.decode()
        assert "nous n'enregistrons ni numéro de sécurité sociale" in text(response)
        assert f'value="{escape(typed)}"' in html, url  # what was typed stays in the field
        assert 'aria-invalid="true"' in html or "is-invalid" in html  # the error is next to the field
    assert list(user.people.values_list("label", flat=True)) == ["Moi"]


@PAGES
@given(note=ordinary_notes())
def test_ordinary_notes_are_saved_through_the_forms(note):
    assert StepNoteForm({"note": note}).is_valid()
    assert CallForm({"outcome": "no_answer", "note": note}).is_valid()


@pytest.mark.parametrize("mark", ["\ue000", "\ue001", "\ue000done_url\ue001", "\uf8ff"])
def test_the_renderers_placeholder_characters_are_refused(user_client, user, mark):
    person = PersonFactory(owner=user, label="Moi")
    case = open_case(person=person)

    with pytest.raises(ValidationError):
        services.person_create(owner=user, label=f"Léa{mark}", relation="child")
    with pytest.raises(ValidationError):
        services.call_log(case=case, outcome="no_answer", note=f"note {mark}", now=NOW)
    response = user_client.post(reverse("people"), {"label": f"Léa{mark}", "relation": "child"})

    assert "caractère spécial" in text(response)
    assert list(user.people.values_list("label", flat=True)) == ["Moi"]
