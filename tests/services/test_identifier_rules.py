"""What the identifier detector finds and what it lets pass, read as the rules of
optout/identifiers.py: no database here, so that `make mutate` runs these first and fast.

Valid identifiers are written the way people write them — and the way anyone could:
any run of separators, percent-encoded, HTML references, in pairs or one character at a
time, any script's digits, circled digits, letters that look like digits or like Latin
letters. Ordinary notes — dates in any format, hours, phone numbers, a registered letter's
number, postcodes, counts — all pass. tests/services/test_identifiers.py checks that the
services, forms and pages refuse what this finds.
"""

import string

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from stdnum.fr import nir as stdnum_nir

from optout.identifiers import find_identifier
from optout.validators import no_identifiers

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


@pytest.mark.parametrize(
    "mark",
    [
        "\u200b",  # a zero-width space (Cf)
        "\u00ad",  # a soft hyphen (Cf)
        "\u0301",  # a combining accent that makes no letter of its own here (Mn)
        "\u20dd",  # a combining enclosing circle (Me)
    ],
)
def test_an_invisible_character_or_a_mark_inside_a_code_is_read_as_nothing(mark):
    # Were it a separator, "ab" would stand alone as an ordinary word, and a word breaks a code.
    assert find_identifier("ab12cd34efgh") == "code"
    assert find_identifier(f"ab{mark}12cd34efgh") == "code"


def test_a_nir_written_in_chinese_numerals_is_found():
    assert find_identifier("一八五〇五七八〇〇六〇八四九一") == "nir"


@pytest.mark.parametrize("half", ["\u0f2a", "\u09f4"])  # TIBETAN DIGIT HALF ONE, BENGALI CURRENCY NUMERATOR ONE
def test_a_numeral_that_is_not_a_whole_number_separates_like_a_space(half):
    assert find_identifier(f"1850578006{half}08491") == "nir"
    assert find_identifier(f"1850578006{half}{half}08491") == "nir"


def test_decoding_goes_three_layers_deep_and_no_further():
    nir = "185057800608491"
    once = "".join(f"%{ord(c):02X}" for c in nir)
    thrice = once.replace("%", "%25").replace("%", "%25")

    assert find_identifier(thrice) == "nir"
    assert find_identifier(thrice.replace("%", "%25")) is None  # four times over: no one types that


def test_no_nir_runs_across_an_international_prefix():
    # 1 85 05 78 006 | +08 491: the digits before a "+08 …" and after it are two numbers.
    assert find_identifier("18505 78006 +08 491") is None
    assert find_identifier("18505 78006 08 491") == "nir"
    # A phone number written in one piece is a number of its own too.
    assert find_identifier("1850 0612345678 578006 08491") is None


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        # A date with a year of two digits breaks a code, from 00 to 99.
        ("A1 B2 C3 12/03/05", None),
        ("A1 B2 C3 12/03/00", None),
        # Years from 1900 to 2100 make a date; outside, the numbers may be part of a code.
        ("A1 B2 12/03/1900", None),
        ("A1 B2 12/03/2100", None),
        ("A1 B2 12/03/1899", "code"),
        ("A1 B2 12/03/2101", "code"),
        # A year first, then the month and the day.
        ("2026-03-05 A1 B2", None),
        ("2026-03-05T09 A1", None),
        ("2026-13-05 A1 B2", "code"),
        ("2026-03-32 A1 B2", "code"),
        # The whole date, its first number too.
        ("A1B2C3D4 2026-03-05", None),
        ("A1B2C3D4 12/03/26", None),
        # Every date of the note, not only the first.
        ("12/03/2026 AB12 C3 13/03/26", None),
        ("AB12 C3 12/03/2026 13/03/26 D4", None),
    ],
)
def test_dates_written_any_way_break_a_code(typed, found):
    assert find_identifier(typed) == found


def test_a_date_is_read_once_and_the_numbers_after_it_start_something_new():
    # "2026 03 12" could be read as a second date overlapping the first: it is not, and 03 12 A1 B2 C3 D4 is a code.
    assert find_identifier("05/03/2026 03 12 A1 B2 C3 D4") == "code"


@pytest.mark.parametrize(
    "typed",
    [
        "MERCI 4F7K2M 9XQ3P8",  # a word of five capitals, then 6 + 6
        "CODE 4F7K2M 9XQ3P8",  # a group of four, then 6 + 6
        "AB 4F7K 2M9X Q3P8",  # a pair, then 4 + 4 + 4
    ],
)
def test_a_code_after_other_capitals_is_still_found(typed):
    assert find_identifier(typed) == "code"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        # A number right before or right after six pairs makes them part of a list of numbers.
        ("12 34 56 78 90 11 AB", None),
        ("12 34 56 78 90 AB 12", None),
        # A number two places away does not: the six pairs in the middle stand alone.
        ("123 AB 34 56 78 90 CD EF", "code"),
        ("AB 34 56 78 90 CD EF 123", "code"),
    ],
)
def test_only_a_number_next_to_a_code_makes_it_a_list_of_numbers(typed, found):
    assert find_identifier(typed) == found
