"""No NIR or provisional code is ever stored, however it is typed; ordinary notes are.

Valid identifiers are written the way people write them — and the way anyone could:
any run of separators, percent-encoded, HTML references, in pairs or one character at a
time, any script's digits, circled digits, letters that look like digits or like Latin
letters — into every free-text field, through the detector, the services and the forms:
all refused, nothing stored, and a page that shows the form again keeps what was typed.
Ordinary notes — dates in any format, hours, phone numbers, a registered letter's number,
postcodes, counts — are all accepted.
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
from optout.identifiers import find_identifier
from optout.models import CallAttempt, Person, Step
from optout.validators import no_identifiers
from tests.factories import PersonFactory
from tests.helpers import NOW, open_case, text

pytestmark = pytest.mark.django_db

SEPARATORS = [
    " ",
    "  ",
    "     ",
    "\t",
    "\n",
    "\u202f",  # narrow no-break space (French typography)
    "\u2009",  # thin space
    "\u00a0",  # no-break space
    "\u200b",  # zero-width space
    "\u3164",  # Hangul filler
    "\u2800",  # braille blank
    *"/,_-.:|'’=~!#&^?<>→∕⁄*+;()[]{}@$%",
    "\u2013",  # en dash
    " \u2013 ",
    "\u2212",  # minus sign
    " / ",
    "",
]
FULL_WIDTH = str.maketrans(string.digits, "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans(string.digits, "٠١٢٣٤٥٦٧٨٩")
NEGATIVE_CIRCLED = str.maketrans(string.digits, "⓿❶❷❸❹❺❻❼❽❾")
DEVANAGARI = str.maketrans(string.digits, "०१२३४५६७८९")
#: Letters typed for the digits they look like.
LOOKALIKE_LETTERS = {"0": "0OoQ", "1": "1lI", "2": "2Z", "5": "5S", "6": "6G", "8": "8B"}
#: Cyrillic and Greek letters that look like Latin capitals.
LOOKALIKE_SCRIPTS = str.maketrans("ABCEHKMOPTX", "АВСЕНКМОРТХ")


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
    grouping = draw(st.sampled_from([[15], [1, 2, 2, 2, 3, 3, 2], [13, 2], [2] * 7 + [1], [1] * 15, [3] * 5, [5] * 3]))
    return number, grouping


@st.composite
def codes(draw):
    alphabet = string.ascii_uppercase + string.digits
    code = draw(st.text(alphabet, min_size=12, max_size=12))
    assume(any(c.isdigit() for c in code) and any(c.isalpha() for c in code))
    grouping = draw(st.sampled_from([[12], [6, 6], [4, 4, 4], [3, 3, 3, 3], [2] * 6, [1] * 12]))
    return code, grouping


def split(value: str, grouping: list[int]) -> list[str]:
    groups, start = [], 0
    for size in grouping:
        groups.append(value[start : start + size])
        start += size
    return groups


@st.composite
def written(draw, kind=None):
    """An identifier as someone might type it — or as anyone could — alone or inside a sentence."""
    kind = kind or draw(st.sampled_from(["nir", "code"]))
    value, grouping = draw({"nir": nirs(), "code": codes()}[kind])
    separator = draw(st.sampled_from(SEPARATORS))
    groups = split(value, grouping)
    if kind == "nir" and draw(st.booleans()):
        # Letters for digits: O for a zero, l or I for a one, S for a five, B for an eight…
        groups = ["".join(draw(st.sampled_from(LOOKALIKE_LETTERS.get(c, c))) for c in g) for g in groups]
    if kind == "code" and draw(st.booleans()):
        groups = [g.translate(LOOKALIKE_SCRIPTS) for g in groups]
    typed = separator.join(groups)
    typed = typed.translate(draw(st.sampled_from([{}, FULL_WIDTH, ARABIC_INDIC, NEGATIVE_CIRCLED, DEVANAGARI])))
    encoding = draw(st.sampled_from(["", "percent", "html"]))
    if encoding == "percent":
        typed = "".join(f"%{b:02X}" for b in typed.encode())
    elif encoding == "html":
        typed = "".join(f"&#{ord(c)};" for c in typed)
    prefix = draw(st.sampled_from(["", "mon numéro : ", "NIR ", "code ", "n° ", "note\n", "le 12/03/2026 : "]))
    suffix = draw(st.sampled_from(["", " merci", ".", " (à vérifier)", " le 12 mars"]))
    return prefix + typed + suffix


WORDS = ["appelé", "rappeler", "la caisse", "CPAM", "mairie", "conseillère", "RDV", "dossier", "courrier", "ok"]
MONTHS = ["janvier", "mars", "avril", "décembre"]


@st.composite
def ordinary_notes(draw):
    """Notes people write: dates in any format, hours, phone numbers, letters' numbers, postcodes, counts."""
    day, month, year = draw(st.integers(1, 28)), draw(st.integers(1, 12)), draw(st.integers(2021, 2027))
    hour, minute = draw(st.integers(8, 18)), draw(st.sampled_from([0, 15, 30, 45]))
    phone = f"0{draw(st.integers(1, 9))}{draw(st.integers(0, 99_999_999)):08d}"
    pieces = {
        "date": draw(
            st.sampled_from(
                [
                    f"{day:02d}/{month:02d}/{year}",
                    f"{day:02d} {month:02d} {year}",
                    f"{day}.{month}.{year % 100:02d}",
                    f"{year}-{month:02d}-{day:02d}",
                    f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}",
                    f"{day} {draw(st.sampled_from(MONTHS))} {year}",
                    f"{day:02d}/{month:02d}",
                ]
            )
        ),
        "hour": draw(st.sampled_from([f"{hour}h", f"{hour}h{minute:02d}", f"{hour}:{minute:02d}", f"à {hour} h"])),
        "phone": draw(
            st.sampled_from(
                [
                    phone,
                    " ".join(split(phone, [2, 2, 2, 2, 2])),
                    ".".join(split(phone, [2, 2, 2, 2, 2])),
                    "+33 " + " ".join(split(phone[1:], [1, 2, 2, 2, 2])),
                    "3422",
                    "3422 3422",
                    "36 46",
                ]
            )
        ),
        "registered": draw(
            st.sampled_from(
                [f"1A {draw(st.integers(0, 10**11 - 1)):011d}", f"RR{draw(st.integers(0, 10**9 - 1)):09d}FR"]
            )
        ),
        "postcode": f"{draw(st.integers(1000, 97999)):05d}",
        "count": draw(
            st.sampled_from([f"{draw(st.integers(1, 40))} fois", f"{draw(st.integers(2, 9))} essais", "1er", "3e"])
        ),
        "word": draw(st.sampled_from(WORDS)),
    }
    order = draw(st.lists(st.sampled_from(list(pieces)), min_size=2, max_size=6))
    joints = draw(st.lists(st.sampled_from([" ", ", ", " : ", " - ", " et ", " puis ", "\n"]), min_size=6, max_size=6))
    return "".join(pieces[name] + joint for name, joint in zip(order, joints, strict=False)).strip()


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PAGES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(typed=written())
def test_the_detector_finds_every_identifier_however_it_is_written(typed):
    assert find_identifier(typed) is not None, repr(typed)


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


@pytest.mark.parametrize(
    "typed",
    [
        "1 85 05 78 006 084 91",
        "185057800608491",
        "1\u202f85\u202f05\u202f78\u202f006\u202f084\u202f91",
        "1  85  05  78  006  084  91",
        "1     85     05     78     006     084     91",
        "1\t85\t05\t78\t006\t084\t91",
        "1/85/05/78/006/084/91",
        "1_85_05_78_006_084_91",
        "1–85–05–78–006–084–91",
        "1\u200b85\u200b05\u200b78\u200b006\u200b084\u200b91",
        "1 85 O5 78 OO6 O84 9l",
        "l B5 O5 7B OOG OB4 9l",  # S, B, Z, G, O, I, l for digits
        "１ ８５ ０５ ７８ ００６ ０８４ ９１",
        "١ ٨٥ ٠٥ ٧٨ ٠٠٦ ٠٨٤ ٩١",  # Arabic-Indic digits
        "❶ ❽❺ ⓿❺ ❼❽ ⓿⓿❻ ⓿❽❹ ❾❶",  # negative circled digits
        "%31%38%35%30%35%37%38%30%30%36%30%38%34%39%31",  # URL-encoded
        "&#49;&#56;&#53;&#48;&#53;&#55;&#56;&#48;&#48;&#54;&#48;&#56;&#52;&#57;&#49;",
        "18 50 57 80 06 08 49 1",  # in pairs
        "1 8 5 0 5 7 8 0 0 6 0 8 4 9 1",  # one at a time
        *[sep.join(["1", "85", "05", "78", "006", "084", "91"]) for sep in ":|'’=~!#&^?<>→∕⁄"],
        "1\u316485\u316405\u316478\u3164006\u3164084\u316491",  # Hangul filler
        "1\u280085\u280005\u280078\u2800006\u2800084\u280091",  # braille blank
        "1 85 05 2A 006 084 35",
        "NIR185057800608491",
        "mon numéro 1 84 12 75 108 123 47",
        "ABCD-EFGH-2345",
        "4F7K9Q2M8X1Z",
        "ABCD EFGH 2345",
        "4F 7K 9Q 2M 8X 1Z",
        "4 F 7 K 9 Q 2 M 8 X 1 Z",
        "4F7K|9Q2M|8X1Z",
        "4F7K%209Q2M%208X1Z",
        "4F7К 9Q2М 8Х1Z",  # Cyrillic К, М, Х
        "code ABC DEFG HIJ45",
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
        "12 03 2026",
        "2026-03-12T09:30",
        "Rendez-vous mars 2026 puis avril",
        "vu le 3 mai 2026",
        "appel du 12 mars 2026",
        "J'ai appelé 3 fois entre 8h30 et 17h",
        "appelé 9h 10h 11h 14h 15h",
        "Le 3422 ne répondait pas, 3 essais",
        "3422 3422",
        "Appels les 07/12, 08/12 et 09/12",
        "CPAM de Paris, 3422, 8h30–17h30",
        "Courrier CPAM 12/03/2026",
        "rappeler lundi 16 mars 2026 vers 10 h",
        "année 2025-2026",
        "de 10:30 à 11:00",
        "Mairie : 01 46 55 21 00",
        "rappelée au 06 12 34 56 78 par Mme Durand",
        "0612345678",
        "+33 6 12 34 56 78",
        "Recommandé n° 1A 012 345 6789 0, envoyé le 12/03/2026",
        "suivi RR123456789FR",
        "CPAM, 75015 Paris, 3 pages",
        "Conseillère très aimable, dossier transmis à la caisse",
        "Réponse par courriel à jean.dupont2@example.org",
        "Code provisoire reçu : je le garde pour moi",
        "Étape faite en 2 minutes",
    ],
)
def test_ordinary_french_is_accepted(typed):
    no_identifiers(typed)


@pytest.mark.slow
@FAST
@given(note=ordinary_notes())
def test_ordinary_notes_pass_however_they_are_written(note):
    assert find_identifier(note) is None, repr(note)


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


@pytest.mark.parametrize(
    "typed",
    [
        "2 85 05 2B 045 123 64",  # the B is a letter here, not an 8
        "2 85 05 2b 045 123 64",
        "285052B04512364",
        "1 80 01 2A 123 456 20",
        "1 80 01 2a 123 456 20",
    ],
)
def test_a_corsican_nir_is_found_with_its_2a_or_2b_however_it_is_typed(typed):
    assert find_identifier(typed) == "nir"


def test_a_number_shaped_like_a_nir_whose_key_is_wrong_is_not_one():
    # 1 80 01 75 123 456 with the key 00 (keys run from 01 to 97): a reference number, not a NIR.
    assert find_identifier("1 80 01 75 123 456 00") is None
    assert find_identifier("1 80 01 2A 123 456 99") is None  # Corsica too: 20 is its key
    assert find_identifier("4F7K9Q2M8X1Z") == "code"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        # Three pairs of a code, then a date in pairs: the date is not the code's other half.
        ("A1 B2 C3 01/01/99", None),
        ("A1 B2 C3 31/12/99", None),
        ("A1 B2 C3 15/06/26", None),
        # Not dates (no 32nd day, no 13th month, no day or month 0): six pairs, a code.
        ("A1 B2 C3 32/12/99", "code"),
        ("A1 B2 C3 31/13/99", "code"),
        ("A1 B2 C3 00/12/99", "code"),
        ("A1 B2 C3 12/00/99", "code"),
    ],
)
def test_a_date_written_in_pairs_breaks_a_code_and_what_is_no_date_does_not(typed, found):
    assert find_identifier(typed) == found


@pytest.mark.parametrize(
    "mark",
    [
        "\u0301",  # a combining accent (Mn)
        "\u20dd",  # a combining enclosing circle (Me)
        "\u200b",  # a zero-width space (Cf)
    ],
)
def test_invisible_and_combining_marks_between_the_digits_do_not_hide_a_nir(mark):
    assert find_identifier(mark.join("185057800608491")) == "nir"


def test_an_accented_letter_in_a_code_reads_as_its_letter():
    assert find_identifier("ÀBC123DÉF456") == "code"
