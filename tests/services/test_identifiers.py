"""No NIR, provisional code or Vitale serial is ever stored, however it is typed.

Valid identifiers are written the way people write them — any separator, several
spaces, a tab, a zero-width space, full-width digits, the letter O for a zero —
into every free-text field, through the services and through the forms: all
refused, nothing stored, and a page that shows the form again keeps what was typed.
"""

import string

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from stdnum.fr import nir as stdnum_nir

from optout import services
from optout.forms import CallForm, PersonForm, StepNoteForm
from optout.models import CallAttempt, Person, Step
from optout.validators import find_identifier, no_identifiers
from tests.factories import PersonFactory
from tests.helpers import NOW, open_case, text

pytestmark = pytest.mark.django_db

SEPARATORS = [
    " ",
    "  ",
    "\t",
    "\u202f",  # narrow no-break space (French typography)
    "\u2009",  # thin space
    "\u00a0",  # no-break space
    "\u200b",  # zero-width space
    "/",
    ",",
    "_",
    "-",
    ".",
    "\u2013",  # en dash
    " \u2013 ",
    "\u2212",  # minus sign
    "",
]
FULL_WIDTH = str.maketrans(string.digits, "０１２３４５６７８９")


@st.composite
def nirs(draw):
    sex = draw(st.sampled_from("12"))
    year = draw(st.integers(0, 99))
    month = draw(st.integers(1, 12))
    department = draw(st.sampled_from([f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B", "97"]))
    rest = draw(st.integers(1, 999_999))
    body = f"{sex}{year:02d}{month:02d}{department}{rest:06d}"
    number = body + stdnum_nir.calc_check_digits(body)
    assert stdnum_nir.is_valid(number)
    return number, [1, 2, 2, 2, 3, 3, 2]


@st.composite
def codes(draw):
    alphabet = string.ascii_uppercase + string.digits
    code = draw(st.text(alphabet, min_size=12, max_size=12))
    assume(any(c.isdigit() for c in code) and any(c.isalpha() for c in code))
    grouping = draw(st.sampled_from([[12], [6, 6], [4, 4, 4], [3, 3, 3, 3], [4, 8], [5, 7], [3, 4, 5]]))
    return code, grouping


@st.composite
def serials(draw):
    length = draw(st.sampled_from([8, 11, 13]))
    serial = "".join(draw(st.lists(st.sampled_from(string.digits), min_size=length, max_size=length)))
    grouping = draw(
        st.sampled_from(
            {
                8: [[8], [4, 4], [2, 2, 2, 2], [3, 3, 2]],
                11: [[11], [3, 4, 4], [1, 2, 4, 4]],
                13: [[13], [1, 2, 2, 2, 3, 3]],
            }[length]
        )
    )
    return serial, grouping


def split(value: str, grouping: list[int]) -> list[str]:
    groups, start = [], 0
    for size in grouping:
        groups.append(value[start : start + size])
        start += size
    return groups


@st.composite
def written(draw, kind=None):
    """An identifier as someone might type it, alone or inside a sentence."""
    kind = kind or draw(st.sampled_from(["nir", "code", "serial"]))
    value, grouping = draw({"nir": nirs(), "code": codes(), "serial": serials()}[kind])
    separator = draw(st.sampled_from(SEPARATORS))
    groups = split(value, grouping)
    if kind != "code" and draw(st.booleans()):
        # Look-alikes: the letter O for a zero, l or I for a one.
        groups = [
            "".join(
                draw(st.sampled_from("0Oo")) if c == "0" else draw(st.sampled_from("1lI")) if c == "1" else c for c in g
            )
            for g in groups
        ]
    typed = separator.join(groups)
    if kind != "code" and draw(st.booleans()):
        typed = typed.translate(FULL_WIDTH)
    if kind == "serial" and len(value) == 8 and separator.strip() in "/.-\u2013\u2212" and grouping != [8]:
        # Eight digits written like a date (12/03/2026) or a span of years read as one: not this test's subject.
        assume(grouping not in ([2, 2, 4], [4, 4]))
    prefix = draw(st.sampled_from(["", "mon numéro : ", "NIR ", "code ", "Vitale n° ", "note\n"]))
    suffix = draw(st.sampled_from(["", " merci", ".", " (à vérifier)"]))
    return prefix + typed + suffix


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PAGES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(typed=written())
def test_the_detector_finds_every_identifier_however_it_is_written(typed):
    assert find_identifier(typed) is not None, repr(typed)


@FAST
@given(typed=written(), field=st.sampled_from(["label", "step note", "call note"]))
def test_every_service_refuses_it_and_stores_nothing(typed, field):
    person = PersonFactory(label="Moi")
    case = open_case(person=person)
    people, notes, calls = (
        Person.objects.count(),
        list(Step.objects.values_list("note", flat=True)),
        CallAttempt.objects.count(),
    )

    with pytest.raises(ValidationError, match="nous n’enregistrons aucun long numéro"):
        if field == "label":
            services.person_update(person=person, label=typed[:60], relation="self")
        elif field == "step note":
            services.step_mark_done(case=case, kind="call", now=NOW, note=typed)
        else:
            services.call_log(case=case, outcome="no_answer", note=typed, now=NOW)
    with pytest.raises(ValidationError):
        services.person_create(owner=person.owner, label=typed[:60], relation="child")

    person.refresh_from_db()
    assert person.label == "Moi"
    assert Person.objects.count() == people and CallAttempt.objects.count() == calls
    assert list(Step.objects.values_list("note", flat=True)) == notes
    assert not case.steps.get(kind="call").is_done


@FAST
@given(typed=written())
def test_every_form_refuses_it(typed):
    assert not PersonForm({"label": typed[:60], "relation": "child"}).is_valid()
    assert not StepNoteForm({"note": typed}).is_valid()
    assert not CallForm({"outcome": "no_answer", "note": typed}).is_valid()


@PAGES
@given(typed=written())
def test_the_people_pages_refuse_it_and_keep_what_was_typed(user_client, user, typed):
    typed = typed[:60]
    person = user.people.get_or_create(label="Moi", relation="self")[0]
    for url, data in [
        (reverse("people"), {"label": typed, "relation": "child"}),
        (reverse("person_edit", args=[person.pk]), {"label": typed, "relation": "self"}),
    ]:
        response = user_client.post(url, data)

        assert response.status_code == 200
        html = response.content.decode()
        assert "nous n&#x27;enregistrons aucun long numéro" in html or "aucun long numéro" in text(response)
        assert f'value="{escape(typed)}"' in html, url  # what was typed stays in the field
        assert 'aria-invalid="true"' in html or "is-invalid" in html  # the error is next to the field
    assert list(user.people.values_list("label", flat=True)) == ["Moi"]


@pytest.mark.parametrize(
    "typed",
    [
        "1 85 05 78 006 084 91",
        "185057800608491",
        "1\u202f85\u202f05\u202f78\u202f006\u202f084\u202f91",
        "1  85  05  78  006  084  91",
        "1\t85\t05\t78\t006\t084\t91",
        "1/85/05/78/006/084/91",
        "1,85,05,78,006,084,91",
        "1_85_05_78_006_084_91",
        "1–85–05–78–006–084–91",
        "1\u200b85\u200b05\u200b78\u200b006\u200b084\u200b91",
        "1 85 O5 78 OO6 O84 9l",
        "１ ８５ ０５ ７８ ００６ ０８４ ９１",
        "1 85 05 2A 006 084 35",
        "NIR185057800608491",
        "ABCD-EFGH-2345",
        "4F7K9Q2M8X1Z",
        "ABCD EFGH 2345",
        "abcd-efgh-2345",
        "0612345678",
        "06 12 34 56 78",
        "Vitale : 1234 5678",
        "carte 123 4567 8901",
        "12/03/2026/123",
    ],
)
def test_these_are_refused(typed):
    with pytest.raises(ValidationError):
        no_identifiers(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "Moi",
        "Léa",
        "Grand-père",
        "Mon fils aîné (Tom)",
        "Appelé le 12/03/2026 à 10h30, rappel prévu le 15/03/2026",
        "appelé le 12/03/2026, 13/03/2026 et 14/03/2026",
        "le 2026-03-12 à 10h",
        "Rendez-vous mars 2026 puis avril",
        "vu le 3 mai 2026",
        "appel du 12 mars 2026",
        "J'ai appelé 3 fois entre 8h30 et 17h",
        "Le 3422 ne répondait pas, 3 essais",
        "CPAM de Paris, 3422, 8h30–17h30",
        "rappeler lundi 16 mars 2026 vers 10 h",
        "année 2025-2026",
        "de 10:30 à 11:00",
        "Conseillère très aimable, dossier transmis à la caisse",
        "Réponse par courriel à jean.dupont2@example.org",
        "Code provisoire reçu : je le garde pour moi",
        "Étape faite en 2 minutes",
    ],
)
def test_ordinary_french_is_accepted(typed):
    no_identifiers(typed)


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
