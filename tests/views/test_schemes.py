"""« Qui vous a écrit ? »: the steps name the sender, and the written request goes to the body that manages the
person's basic scheme, with where to find its address; « je ne sais pas » keeps the words for the Assurance Maladie.
A member of a mutual section (the MGEN and others) cannot open an ameli account: nothing tells them to."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from optout import services
from optout.models import Letter
from reminders import dispatch
from tests.helpers import plain, text

pytestmark = pytest.mark.django_db

LETTER = {"situation": "letter", "channel": "post", "sent_on": "2026-02-20", "received_on": "2026-02-24"}

#: What the online route's first step says, and where the written request says to find the address.
SENDERS = {
    "cpam": (
        "de l'Assurance Maladie",
        "L'adresse de votre caisse primaire d'assurance maladie (CPAM) figure sur ameli.fr",
    ),
    "msa": ("de la MSA", "Écrivez à votre caisse de MSA, pas à une CPAM. Son adresse figure sur ses courriers"),
    "mutual": (
        "de la mutuelle",
        "Écrivez à la mutuelle qui gère votre assurance maladie obligatoire (votre section locale mutualiste : la MGEN, "
        "par exemple), pas à une CPAM.",
    ),
    "cgss": (
        "de la caisse de sécurité sociale",
        "Écrivez à votre caisse générale de sécurité sociale (CGSS) ou, à Mayotte",
    ),
    "other": (
        "de l'organisme d'assurance maladie",
        "Écrivez à l'organisme qui gère votre assurance maladie obligatoire",
    ),
    "unknown": (
        "de l'Assurance Maladie",
        "Si vous relevez d'un autre régime (la MSA, par exemple), écrivez à votre caisse de ce régime.",
    ),
}
#: The letter to the caisse, in French whatever the page's language: « Le courrier d'information … ».
IN_THE_LETTER = {
    "cpam": "de l'Assurance Maladie",
    "msa": "de la MSA",
    "mutual": "de ma mutuelle",
    "cgss": "de ma caisse de sécurité sociale",
    "other": "de mon organisme d'assurance maladie",
    "unknown": "de l'Assurance Maladie",
}


def start(client, person, scheme, route="online"):
    response = client.post(
        reverse("case_new_for", args=[person.pk]), {**LETTER, "had_code": "on", "scheme": scheme, "route": route}
    )
    assert response.status_code == 302, text(response)
    return Letter.objects.get(case__person=person).case


@pytest.mark.slow
@pytest.mark.parametrize("scheme", SENDERS)
def test_who_wrote_is_stored_and_the_steps_and_the_written_request_follow(user_client, user, scheme):
    me = services.person_create(owner=user, label="Moi", relation="self")
    step, where = SENDERS[scheme]

    case = start(user_client, me, scheme)
    page = text(user_client.get(reverse("case_detail", args=[case.pk])))
    letter = text(user_client.get(reverse("case_request_letter", args=[case.pk])))

    assert case.letter.scheme == scheme
    assert f"Le code provisoire figure dans le courrier ou le courriel {step}. Perdu" in page
    assert where in letter
    assert f"Le courrier d'information {IN_THE_LETTER[scheme]}, daté du 20 février 2026, m'est parvenu le" in letter


def test_i_dont_know_keeps_the_words_written_for_the_assurance_maladie(user_client, user):
    me = services.person_create(owner=user, label="Moi", relation="self")

    case = start(user_client, me, "unknown")
    letter = text(user_client.get(reverse("case_request_letter", args=[case.pk])))

    assert (
        "L'adresse de votre caisse primaire d'assurance maladie (CPAM) figure sur ameli.fr, rubrique « Adresses et "
        "contacts », et sur ses courriers. Nous ne fournissons pas de liste d'adresses : elles changent. Si vous relevez "
        "d'un autre régime (la MSA, par exemple), écrivez à votre caisse de ce régime."
    ) in letter
    assert "Elle s'adresse à votre caisse, à l'attention de son délégué à la protection des données" in letter
    assert "Ou par courriel au délégué à la protection des données de votre caisse (chaque caisse a le sien)." in letter


def test_no_choice_is_i_dont_know(user_client, user):
    me = services.person_create(owner=user, label="Moi", relation="self")

    user_client.post(reverse("case_new_for", args=[me.pk]), {**LETTER, "route": "phone"})

    assert Letter.objects.get().scheme == "unknown"


def test_a_mutual_sections_member_is_never_sent_to_ameli(user_client, user):
    me = services.person_create(owner=user, label="Moi", relation="self")

    case = start(user_client, me, "mutual")
    route_page = text(user_client.post(reverse("case_new_for", args=[me.pk]), {**LETTER, "scheme": "mutual"}))
    page = text(user_client.get(reverse("case_detail", args=[case.pk])))
    letter = text(user_client.get(reverse("case_request_letter", args=[case.pk])))
    public = text(user_client.get(reverse("request_letter"), {"kind": "closure", "regime": "mutual"}))

    note = "Aucune de ces étapes ne passe par un compte ameli : les assurés d'une section locale mutualiste"
    assert note in route_page and note in page
    for html in (letter, public):
        assert "ameli.fr" not in html
        assert "Écrivez à la mutuelle qui gère votre assurance maladie obligatoire" in html
        assert "Vous n'avez pas besoin de compte ameli pour cela." in html
        assert "Le nom de votre mutuelle (par exemple « MGEN »)" in html


def test_the_public_letter_page_offers_the_choice_and_keeps_it_across_choices(client):
    html = text(client.get(reverse("request_letter"), {"kind": "opposition", "for": "child", "regime": "msa"}))

    assert "Qui vous a écrit ?" in html
    assert 'href="?kind=closure&for=child&regime=msa#choice"' in html
    assert "Elle s'adresse à votre caisse de MSA, à l'attention de son délégué à la protection des données" in html
    assert (
        'Par exemple « MSA … », puis son adresse : sur le courrier reçu, ou sur <a href="https://www.msa.fr/">msa.fr</a>.'
        in html
    )
    assert "msa.fr, le site de la Mutualité sociale agricole" in html  # the source listed


@pytest.mark.parametrize(
    ("scheme", "english", "to", "where"),
    [
        (
            "msa",
            "The provisional code is in the letter or email from the MSA.",
            "It is addressed to your MSA fund, for the attention of its data protection officer",
            "Write to your MSA fund, not to a CPAM.",
        ),
        (
            "mutual",
            "The provisional code is in the letter or email from the mutual insurer.",
            "It is addressed to the mutual insurer that manages your basic health insurance",
            "You do not need an ameli account for this.",
        ),
        (
            "unknown",
            "The provisional code is in the letter or email from the Assurance Maladie.",
            "It is addressed to your caisse, for the attention of its data protection officer",
            "If you belong to another scheme (the MSA, for example), write to your fund in that scheme.",
        ),
    ],
)
def test_the_steps_and_the_letter_page_follow_in_english(client, user, scheme, english, to, where):
    user.language = "en"
    user.save()
    client.force_login(user)
    me = services.person_create(owner=user, label="Me", relation="self")

    case = start(client, me, scheme)
    page = text(client.get(reverse("case_detail", args=[case.pk])))
    letter = text(client.get(reverse("case_request_letter", args=[case.pk])))

    assert english in page
    assert to in letter and where in letter
    assert f"Le courrier d'information {IN_THE_LETTER[scheme]}, daté du 20 février 2026" in letter  # stays French


def test_the_calculator_names_the_sender_when_told(client):
    params = {"sent_on": "2026-02-20", "received_on": "2026-02-24", "regime": "msa"}

    html = text(client.get(reverse("calculator"), params))

    assert "Le courrier ou le courriel de la MSA" in html


def test_the_reminder_names_the_sender(smtp_server, user_client, user):
    me = services.person_create(owner=user, label="Moi", relation="self")
    case = start(user_client, me, "msa", route="phone")
    row = case.reminders.get(kind="lead-7")

    with time_machine.travel(row.due_at + timedelta(seconds=5), tick=False):
        dispatch.dispatch_due(clock=timezone.now)

    [message] = smtp_server.messages
    assert "Le courrier ou le courriel de la MSA" in plain(message.get_body(preferencelist=("plain",)).get_content())
