"""Mail providers post bounces and complaints to our webhooks: the person's reminders are held, and they are told.

Each provider's documented payload goes through anymail's real view, its checks and
its normalisation, then our receiver and service: nothing of ours is mocked.
"""

import base64
import json
import re
import time
from datetime import timedelta

import pytest
import time_machine
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.urls import reverse
from django.utils import timezone

from optout import services
from optout.models import Reminder, WebhookEventCount
from tests.conftest import WEBHOOK_SECRET as SECRET
from tests.conftest import basic_auth as basic
from tests.delivery import payloads
from tests.helpers import NOW, open_case, text

pytestmark = pytest.mark.django_db

PROVIDERS = list(payloads.EVENTS)
BANNER = "Nos courriels ne vous parviennent plus"
LATER = NOW + timedelta(hours=1)


def readable(response) -> str:
    """The page's words, without tags and with single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def statuses(case):
    return dict(case.reminders.values_list("kind", "status"))


def bounce(provider, address):
    return payloads.EVENTS[provider][0](address)


def complaint(provider, address):
    return payloads.EVENTS[provider][1](address)


def temporary_bounce(provider, address):
    return payloads.EVENTS[provider][2](address)


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("auth", [None, "hooks:wrong-password", "someone:k3Jx9q2Lm7Vw0Zr5Tn8B"])
def test_a_post_without_the_secret_or_with_a_wrong_one_is_refused_and_changes_nothing(post_event, provider, auth):
    case = open_case()
    user = case.person.owner

    response = post_event(provider, bounce(provider, user.email), auth=auth)

    assert response.status_code in (400, 401)  # 401 for SES: SNS only sends credentials when asked
    user.refresh_from_db()
    assert user.email_undeliverable_since is None
    assert set(statuses(case).values()) == {"pending"}
    assert not WebhookEventCount.objects.exists()


def test_the_webhooks_answer_404_while_no_secret_is_configured(client, settings):
    settings.ANYMAIL = {}
    case = open_case()

    body, headers = bounce("brevo", case.person.owner.email)
    response = client.post("/webhooks/brevo/", body, content_type="application/json", **headers)

    assert response.status_code == 404
    assert set(statuses(case).values()) == {"pending"}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_bounce_holds_the_persons_pending_reminders_and_shows_the_banner(post_event, client, provider):
    case = open_case()
    user = case.person.owner

    with time_machine.travel(LATER, tick=False):
        response = post_event(provider, bounce(provider, user.email.upper()))  # addresses compare case-blind

    assert response.status_code == 200
    assert set(statuses(case).values()) == {"held"}
    user.refresh_from_db()
    assert (user.email_undeliverable_since, user.email_undeliverable_reason) == (LATER, "bounced")
    client.force_login(user)
    dashboard = readable(client.get(reverse("dashboard")))
    assert BANNER in dashboard
    assert f"nous ne pouvons plus écrire à {user.email} : les messages envoyés à cette adresse nous sont revenus" in (
        dashboard
    )
    assert BANNER in text(client.get(reverse("account")))


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_complaint_stops_reminders_the_same_way(post_event, client, provider):
    case = open_case()
    user = case.person.owner

    assert post_event(provider, complaint(provider, user.email)).status_code == 200

    assert set(statuses(case).values()) == {"held"}
    user.refresh_from_db()
    assert user.email_undeliverable_reason == "complained"
    client.force_login(user)
    assert "signalé comme indésirable" in readable(client.get(reverse("dashboard")))


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_temporary_bounce_is_counted_but_holds_nothing(post_event, provider):
    case = open_case()

    assert post_event(provider, temporary_bounce(provider, case.person.owner.email)).status_code == 200

    assert set(statuses(case).values()) == {"pending"}
    assert list(WebhookEventCount.objects.values_list("kind", "count")) == [("deferred", 1)]


def test_every_event_is_counted_by_provider_and_kind_even_for_an_unknown_address(post_event):
    case = open_case()

    post_event("brevo", bounce("brevo", "nobody@example.org"))
    post_event("brevo", bounce("brevo", "nobody-else@example.org"))
    post_event("postmark", complaint("postmark", "nobody@example.org"))
    post_event("amazon_ses", bounce("amazon_ses", "nobody@example.org"))

    counts = {(p, k): n for p, k, n in WebhookEventCount.objects.values_list("provider", "kind", "count")}
    assert counts == {("brevo", "bounced"): 2, ("postmark", "complained"): 1, ("amazon_ses", "bounced"): 1}
    assert set(statuses(case).values()) == {"pending"}


def test_the_calendar_feed_keeps_working_while_the_address_bounces(post_event, client):
    case = open_case()
    user = case.person.owner
    feed = services.calendar_feed_regenerate(user=user, now=NOW)
    post_event("mailjet", bounce("mailjet", user.email))

    with time_machine.travel(NOW, tick=False):  # the feed holds the dates still to come
        response = client.get(reverse("calendar_feed", args=[feed.token]))

    assert response.status_code == 200
    assert b"BEGIN:VEVENT" in response.content


def test_a_bounce_for_a_reminder_already_being_sent_holds_it_when_the_send_fails(post_event, settings):
    """The dispatcher puts a failed row back as held, not pending, if the address bounced meanwhile."""
    from reminders import dispatch

    case = open_case()
    user = case.person.owner
    due = case.reminders.get(kind="lead-7").due_at
    with time_machine.travel(due + timedelta(seconds=5), tick=False):
        [row_id] = dispatch.claim(now=due + timedelta(seconds=5))
        post_event("postmark", bounce("postmark", user.email))
        row = Reminder.objects.select_related("case__person__owner").get(pk=row_id)
        lease = dispatch.Lease([row_id], row.lease_expires_at, time.monotonic(), clock=timezone.now)
        dispatch._retry_later(row, OSError("refused"), due + timedelta(seconds=5), lease)

    assert statuses(case)["lead-7"] == "held"


# Postal signs its webhooks: anymail checks the signature as well as the secret.


@pytest.fixture
def postal_key(settings):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    settings.ANYMAIL = {**settings.ANYMAIL, "POSTAL_WEBHOOK_KEY": base64.b64encode(public).decode()}
    return private


def postal_bounce(address: str) -> bytes:
    # https://docs.postalserver.io/developer/webhooks — MessageBounced
    return json.dumps(
        {
            "event": "MessageBounced",
            "timestamp": 1772442000.5,
            "uuid": "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
            "payload": {
                "original_message": {
                    "id": 12345,
                    "token": "abcdef",
                    "direction": "outgoing",
                    "message_id": "5e0b0d11-ab12-4c34-8d56-7e8f9a0b1c2d@rp.postal.example.org",
                    "to": address,
                    "from": "no-reply@a-temps.example.org",
                    "subject": "J-7 pour refuser Mon espace santé",
                    "timestamp": 1772441990.1,
                    "spam_status": "NotChecked",
                    "tag": None,
                },
                "bounce": {
                    "id": 12346,
                    "token": "ghijkl",
                    "direction": "incoming",
                    "message_id": "bounce-1@mx.example.org",
                    "to": "abcdef@rp.postal.example.org",
                    "from": "postmaster@example.org",
                    "subject": "Mail delivery failed",
                    "timestamp": 1772442000.1,
                    "spam_status": "NotChecked",
                    "tag": None,
                },
            },
        }
    ).encode()


def test_postal_needs_its_signature_as_well_as_the_secret(client, webhook_secret, postal_key):
    case = open_case()
    body = postal_bounce(case.person.owner.email)
    signature = base64.b64encode(postal_key.sign(body, padding.PKCS1v15(), hashes.SHA1())).decode()  # noqa: S303 - Postal's choice

    def post(**headers):
        return client.post(
            "/webhooks/postal/", body, content_type="application/json", HTTP_AUTHORIZATION=basic(SECRET), **headers
        )

    assert post().status_code == 400  # no signature
    assert post(HTTP_X_POSTAL_SIGNATURE=base64.b64encode(b"forged").decode()).status_code == 400
    assert set(statuses(case).values()) == {"pending"}

    assert post(HTTP_X_POSTAL_SIGNATURE=signature).status_code == 200
    assert set(statuses(case).values()) == {"held"}
