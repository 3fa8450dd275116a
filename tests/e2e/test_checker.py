"""« Vérifier mes numéros » runs in the browser and sends nothing."""

import random

import pytest
from stdnum.fr import nir as stdnum_nir

from tests.helpers import plain

pytestmark = pytest.mark.django_db(transaction=True)


def with_key(body: str) -> str:
    number = int(body.replace("2A", "19").replace("2B", "18"))
    return f"{body}{97 - number % 97:02d}"


VALID_NIR = with_key("1841276451089")
CORSICA_2A = with_key("16901" + "2A" + "123456")
CORSICA_2B = with_key("27011" + "2B" + "234567")


def verdict(page, field, value):
    if not value:
        page.fill(f"#check-{field}", "x")  # an empty field is only checked once something was typed
    page.fill(f"#check-{field}", value)
    return page.get_attribute(f"#check-{field}", "aria-invalid"), plain(page.inner_text(f"#check-{field}-result"))


@pytest.fixture
def checker(page, live_server):
    page.goto("/verifier-mes-numeros/")
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize(
    ("value", "invalid", "says"),
    [
        (VALID_NIR, "false", "Le format et la clé sont corrects."),
        (
            " ".join(
                [
                    VALID_NIR[:1],
                    VALID_NIR[1:3],
                    VALID_NIR[3:5],
                    VALID_NIR[5:7],
                    VALID_NIR[7:10],
                    VALID_NIR[10:13],
                    VALID_NIR[13:],
                ]
            ),
            "false",
            "corrects",
        ),
        (CORSICA_2A, "false", "corrects"),
        (CORSICA_2B.lower(), "false", "corrects"),
        (
            VALID_NIR[:13] + f"{(int(VALID_NIR[13:]) + 1) % 100:02d}",
            "true",
            "La clé (les 2 derniers chiffres) ne correspond pas",
        ),
        (VALID_NIR[:14], "true", "vous en avez tapé 14"),
        ("1841276X5108946", "true", "Seuls des chiffres sont attendus"),
        ("", "false", "Rien à vérifier"),
    ],
)
def test_the_social_security_number_check(checker, value, invalid, says):
    state, message = verdict(checker, "nir", value)
    assert state == invalid
    assert says in message


def test_the_nir_check_agrees_with_python_stdnum(checker):
    rng = random.Random(20260302)
    for _ in range(40):
        body = f"{rng.choice('12')}{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}{rng.choice(['75', '13', '2A', '2B', '59'])}{rng.randint(0, 999999):06d}"
        number = with_key(body) if rng.random() < 0.5 else f"{body}{rng.randint(0, 99):02d}"
        state, _ = verdict(checker, "nir", number)
        assert (state == "false") == stdnum_nir.is_valid(number), number


@pytest.mark.parametrize(
    ("value", "invalid", "says"),
    [
        ("AB12CD34EF56", "false", "12 caractères"),
        ("ab12 cd34 ef56", "false", "12 caractères"),
        ("AB12CD34EF5", "true", "vous en avez tapé 11"),
        ("AB12CD34EF5!", "true", "Seuls des lettres et des chiffres"),
    ],
)
def test_the_provisional_code_check(checker, value, invalid, says):
    state, message = verdict(checker, "code", value)
    assert state == invalid
    assert says in message


@pytest.mark.parametrize(
    ("card", "value", "invalid"),
    [
        ("photo", "12345678901", "false"),
        ("photo", "1234567890", "true"),
        ("nophoto", "12345678", "false"),
        ("nophoto", "1234567890123", "false"),
        ("nophoto", "123456789", "true"),
        ("photo", "1234567890A", "true"),
    ],
)
def test_the_vitale_serial_check_depends_on_the_card(checker, card, value, invalid):
    checker.check(f"#card-{card}")
    state, _ = verdict(checker, "serial", value)
    assert state == invalid


def test_nothing_is_sent_while_typing(checker):
    requests = []
    checker.on("request", lambda request: requests.append(request.url))

    for field, value in [("nir", VALID_NIR), ("code", "AB12CD34EF56"), ("serial", "12345678901")]:
        checker.type(f"#check-{field}", value, delay=5)
        checker.keyboard.press("Enter")
    checker.check("#card-nophoto")
    checker.wait_for_timeout(300)

    assert requests == []
    assert checker.locator("form#checker, #checker form").count() == 0


def test_without_javascript_the_page_still_says_where_to_find_each_number(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/verifier-mes-numeros/")

    assert page.locator("#checker").is_hidden()
    body = plain(page.locator("main").inner_text())
    assert "les 11 derniers chiffres du numéro imprimé à droite de la photo" in body
    assert "15 caractères" in body and "12 caractères" in body


def test_the_checker_is_accessible(checker, assert_accessible):
    verdict(checker, "nir", VALID_NIR[:10])
    assert_accessible(checker)
