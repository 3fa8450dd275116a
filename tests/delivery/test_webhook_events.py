"""Webhooks act only on news about the recipient: not on stale or replayed events, not on our own
failures, and a body that cannot be read is a 400 that changes nothing."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from optout import services
from optout.models import WebhookEventCount
from tests.delivery import payloads
from tests.helpers import NOW, open_case

pytestmark = pytest.mark.django_db

BOUNCED_AT = datetime.fromtimestamp(1772442000, UTC)  # the payloads' time: NOW


def counts():
    return {(p, k): n for p, k, n in WebhookEventCount.objects.values_list("provider", "kind", "count")}


def statuses(case):
    return set(case.reminders.values_list("status", flat=True))


@pytest.mark.parametrize("provider", list(payloads.EVENTS))
def test_a_bounce_older_than_the_addresss_last_confirmation_holds_nothing(post_event, provider):
    case = open_case()
    user = case.person.owner
    services.address_confirmed(user_id=user.pk, email=user.email, now=BOUNCED_AT + timedelta(days=1))

    with time_machine.travel(BOUNCED_AT + timedelta(days=33), tick=False):  # delivered a month late
        response = post_event(provider, payloads.EVENTS[provider][0](user.email))

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_undeliverable_since is None
    assert statuses(case) == {"pending"}
    assert counts() == {(provider, "stale"): 1}


def test_a_bounce_after_the_confirmation_still_holds(post_event):
    case = open_case()
    user = case.person.owner
    services.address_confirmed(user_id=user.pk, email=user.email, now=BOUNCED_AT - timedelta(days=1))

    post_event("brevo", payloads.brevo("hard_bounce", user.email))

    assert statuses(case) == {"held"}


def test_confirming_through_allauth_records_when(client, user):
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from django.urls import reverse

    address = EmailAddress.objects.get(user=user)
    address.verified = False
    address.save()
    client.force_login(user)

    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        client.post(reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]))

    user.refresh_from_db()
    assert user.email_confirmed_at == NOW + timedelta(minutes=5)


@pytest.mark.parametrize("provider", list(payloads.EVENTS))
def test_a_replayed_event_changes_nothing_after_the_address_was_released(post_event, provider):
    case = open_case()
    user = case.person.owner
    event = payloads.EVENTS[provider][0](user.email)
    with time_machine.travel(NOW, tick=False):
        post_event(provider, event)
        services.address_release(user=user, now=NOW)  # the operator, by hand: no confirmation date
        response = post_event(provider, event)  # the provider sends it again

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_undeliverable_since is None
    assert statuses(case) == {"pending"}
    assert counts() == {(provider, "bounced"): 1, (provider, "replayed"): 1}


SENDER_SIDE = {
    "brevo": lambda a: payloads.brevo(
        "hard_bounce", a, reason="550 5.7.26 Unauthenticated email from a-temps.example.org: DMARC policy"
    ),
    "brevo-blocklist": lambda a: payloads.brevo(
        "hard_bounce", a, reason="554 Service unavailable; Client host [185.41.28.109] blocked using Spamhaus"
    ),
    "mailjet": lambda a: payloads.mailjet("bounce", a, related="content", error="content blocked"),
    "mailjet-spam": lambda a: payloads.mailjet("bounce", a, related="spam", error="sender blocked"),
    "postmark": lambda a: payloads.postmark("DMARCPolicy", a),
    "postmark-blocked": lambda a: payloads.postmark("Blocked", a),
    "amazon_ses": lambda a: payloads.amazon_ses("Bounce", a, sub_type="ContentRejected"),
}


@pytest.mark.parametrize("variant", list(SENDER_SIDE))
def test_a_failure_on_our_side_holds_nothing_and_is_counted_as_ours(post_event, variant):
    provider = variant.split("-")[0]
    case = open_case()
    user = case.person.owner

    response = post_event(provider, SENDER_SIDE[variant](user.email))

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_undeliverable_since is None
    assert statuses(case) == {"pending"}
    assert counts() == {(provider, "sender_side"): 1}


MALFORMED = [
    "not json at all",
    "{",
    "[",
    '{"event": "hard_bounce"',
    "\udcff",
    "123",
    '"a string"',
    "[1, 2, 3]",
    '[{"event": "bounce"}]',
    '{"RecordType": 42}',
    '{"Type": "Notification", "Message": "{not json"}',
    '{"Type": "Notification", "Message": "[]"}',
    '{"event": "hard_bounce", "ts": "yesterday", "email": "x@example.org"}',
    '{"event": "bounce", "time": "noon", "email": "x@example.org"}',
    '{"RecordType": "Bounce", "Type": "HardBounce", "BouncedAt": "not a date", "Email": "x@example.org"}',
]


@pytest.mark.parametrize("provider", list(payloads.EVENTS))
def test_a_body_that_cannot_be_read_is_a_400_counted_as_malformed_and_changes_nothing(post_event, provider):
    case = open_case()
    statuses_before = statuses(case)

    answers = []
    for body in MALFORMED:
        headers = {"HTTP_X_AMZ_SNS_MESSAGE_TYPE": "Notification"} if provider == "amazon_ses" else {}
        response = post_event(provider, (body.encode("utf-8", "surrogatepass"), headers))
        answers.append((response.status_code, response.content == b"malformed body\n"))

    assert all(status in (200, 400) for status, _ in answers), answers  # never a 500
    refused = sum(ours for _, ours in answers)  # the rest: anymail's own 400 (not its shape) or an empty event
    assert refused >= 8, answers
    assert counts().get((provider, "malformed")) == refused
    assert sum(n for (p, k), n in counts().items() if k == "malformed") == refused
    assert statuses(case) == statuses_before


def test_a_mailjet_batch_with_one_unreadable_event_counts_none_of_them(post_event):
    case = open_case()
    good = payloads.mailjet("bounce", case.person.owner.email)[0]
    body = good[:-1] + ', {"event": "bounce", "time": "noon"}]'

    assert post_event("mailjet", (body, {})).status_code == 400

    assert counts() == {("mailjet", "malformed"): 1}
    assert statuses(case) == {"pending"}
