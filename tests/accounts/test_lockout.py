"""No one locks another person out, nor floods their mailbox.

The lockout script: from one client, six wrong passwords, four code requests and six reset
requests for someone's address — sixteen requests, under every per-client limit — repeated a
minute later. From their own client, the owner then signs in with their password, gets a code
and a reset link. Their mailbox receives no more than the cap the pages state.
"""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.helpers import NOW, text

pytestmark = pytest.mark.django_db

ATTACKER, OWNER = "203.0.113.7", "198.51.100.23"


def lockout_script(address: str) -> list[int]:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    answers = []
    for _ in range(6):
        answers.append(attacker.post(reverse("account_login"), {"login": address, "password": "wrong-guess-1"}))
    for _ in range(4):
        answers.append(attacker.post(reverse("account_request_login_code"), {"email": address}))
        attacker.cookies.clear()  # a new "session" each time, as a script would
    for _ in range(6):
        answers.append(attacker.post(reverse("account_reset_password"), {"email": address}))
    return [answer.status_code for answer in answers]


def to(address):
    return [m for m in mail.outbox if address in m.to]


def test_the_owner_keeps_every_way_in_after_the_lockout_script_and_gets_at_most_the_cap(mailoutbox):
    user = UserFactory()
    with time_machine.travel(NOW, tick=True):
        assert 500 not in lockout_script(user.email)
    with time_machine.travel(NOW + timedelta(minutes=1), tick=True):
        lockout_script(user.email)  # again, a minute later
        from_attacker = len(to(user.email))
        owner = Client(REMOTE_ADDR=OWNER)

        signed_in = owner.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        owner.post(reverse("account_logout"))
        code = owner.post(reverse("account_request_login_code"), {"email": user.email})
        code_email = to(user.email)[from_attacker:]
        reset = Client(REMOTE_ADDR=OWNER).post(reverse("account_reset_password"), {"email": user.email})

    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("dashboard")
    assert code.status_code == 302 and len(code_email) == 1 and "code" in code_email[0].subject.lower()
    assert reset.status_code == 302
    assert "mot de passe" in to(user.email)[-1].subject.lower()
    assert from_attacker <= settings.ACCOUNT_EMAILS_PER_CLIENT  # 32 requests, at most this many emails
    assert len(to(user.email)) <= settings.ACCOUNT_EMAILS_PER_ADDRESS


def test_the_owners_own_wrong_guesses_still_lock_their_password_sign_in_for_a_while(mailoutbox):
    user = UserFactory()
    owner = Client(REMOTE_ADDR=OWNER)
    for _ in range(5):
        owner.post(reverse("account_login"), {"login": user.email, "password": "wrong-guess-1"})

    refused = owner.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert refused.status_code == 200
    assert "Trop de tentatives de connexion échouées" in text(refused)


def test_an_address_gets_no_more_than_the_cap_an_hour_however_many_clients_ask(mailoutbox):
    user = UserFactory()
    with time_machine.travel(NOW, tick=True):
        for n in range(settings.ACCOUNT_EMAILS_PER_ADDRESS + 4):
            Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(reverse("account_reset_password"), {"email": user.email})
        assert len(to(user.email)) == settings.ACCOUNT_EMAILS_PER_ADDRESS
    with time_machine.travel(NOW + timedelta(hours=1, minutes=1), tick=True):
        Client(REMOTE_ADDR=OWNER).post(reverse("account_reset_password"), {"email": user.email})
        assert len(to(user.email)) == settings.ACCOUNT_EMAILS_PER_ADDRESS + 1  # the next hour, again


@pytest.mark.parametrize("name", ["account_request_login_code", "account_reset_password"])
def test_the_pages_that_send_these_emails_say_the_cap(client, name):
    page = text(client.get(reverse(name)))

    assert (
        f"une même adresse reçoit au plus {settings.ACCOUNT_EMAILS_PER_ADDRESS} de ces courriels par heure, "
        f"dont {settings.ACCOUNT_EMAILS_PER_CLIENT} demandés depuis un même appareil"
    ) in " ".join(page.split())
