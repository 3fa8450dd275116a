"""Mail providers' tracking webhooks: one URL per provider, served by django-anymail.

anymail checks the basic-auth secret (ANYMAIL_WEBHOOK_SECRET) on every post, and the
provider's signature where anymail verifies one (Postal); it refuses anything else
with 400. It turns each provider's payload into normalised events and sends anymail's
`tracking` signal, which reminders/receivers.py hands to reminders.delivery.tracking_event_record.

Without a secret the URLs answer 404: an open webhook would let anyone stop
anyone's reminders. Scaleway TEM has no anymail webhook (15.2): see docs/operations.md.

anymail calls some temporary failures "bounced" (a full mailbox: Brevo's soft_bounce,
Mailjet's bounce without hard_bounce, Postmark's SoftBounce, SES's Transient): we hold
an address only for lasting ones, so `event_kind` calls those "deferred", like the rest.
A bounce or rejection caused by us — our DMARC, SPF or DKIM, our content, our domain or
IP on a blocklist — says nothing about the recipient's address: `event_kind` calls it
"sender_side" (counted, holds nothing). Providers say so in their own fields (Mailjet's
`error_related_to`, Postmark's `Type`, SES's `bounceSubType`) or in the server's reply:
an enhanced status code of class X.6 (content) or X.7 (security or policy, RFC 3463).

A post with the right secret that cannot be read (not JSON, not the provider's shape)
is a 400, counted as "malformed"; whatever it did before failing is undone.
"""

import logging
import re

from anymail.exceptions import AnymailAPIError
from anymail.signals import EventType
from anymail.webhooks.amazon_ses import AmazonSESTrackingWebhookView
from anymail.webhooks.brevo import BrevoTrackingWebhookView
from anymail.webhooks.mailjet import MailjetTrackingWebhookView
from anymail.webhooks.postal import PostalTrackingWebhookView
from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from optout.vocabulary import WebhookOutcome
from reminders import delivery

logger = logging.getLogger(__name__)

#: provider → (anymail's view, the ANYMAIL settings it cannot work without).
PROVIDERS = {
    "brevo": (BrevoTrackingWebhookView, ["WEBHOOK_SECRET"]),
    "mailjet": (MailjetTrackingWebhookView, ["WEBHOOK_SECRET"]),
    "amazon_ses": (AmazonSESTrackingWebhookView, ["WEBHOOK_SECRET"]),
    "postmark": (PostmarkTrackingWebhookView, ["WEBHOOK_SECRET"]),
    "postal": (PostalTrackingWebhookView, ["WEBHOOK_SECRET", "POSTAL_WEBHOOK_KEY"]),
}


def _temporary_bounce(esp_name: str, raw) -> bool:
    raw = raw if isinstance(raw, dict) else {}
    if esp_name == "Brevo":
        return raw.get("event") == "soft_bounce"
    if esp_name == "Mailjet":
        return not raw.get("hard_bounce", False)
    if esp_name == "Postmark":
        return raw.get("Type") == "SoftBounce"
    if esp_name == "Amazon SES":
        return (raw.get("bounce") or {}).get("bounceType") == "Transient"
    return False


#: An enhanced status code (RFC 3463) of class X.6 (message content) or X.7 (security or policy).
SENDER_STATUS = re.compile(r"(?<![\d.])[45]\.[67]\.\d{1,3}(?![\d.])")
#: What receivers write when they refuse mail because of its sender, not its recipient.
SENDER_WORDS = re.compile(r"dmarc|\bspf\b|dkim|blocklist|blacklist|block list|spamhaus|reputation", re.IGNORECASE)
MAILJET_SENDER_SIDE = {"content", "spam", "system"}  # error_related_to: not "recipient" nor "domain"
POSTMARK_SENDER_SIDE = {"DMARCPolicy", "Blocked", "VirusNotification", "TemplateRenderingFailed", "SMTPApiError"}
SES_SENDER_SIDE = {"ContentRejected", "AttachmentRejected", "MessageTooLarge"}


def _sender_side(esp_name: str, event) -> bool:
    """The message was refused because of us (authentication, content, our domain or IP blocked)."""
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    if esp_name == "Mailjet" and raw.get("error_related_to") in MAILJET_SENDER_SIDE:
        return True
    if esp_name == "Postmark" and raw.get("Type") in POSTMARK_SENDER_SIDE:
        return True
    if esp_name == "Amazon SES" and (raw.get("bounce") or {}).get("bounceSubType") in SES_SENDER_SIDE:
        return True
    said = " ".join(
        str(part)
        for part in (event.mta_response, event.description, raw.get("reason"), raw.get("Details"), raw.get("error"))
        if part
    )
    if esp_name == "Amazon SES":
        said += " ".join(
            str(r.get("diagnosticCode", "")) for r in (raw.get("bounce") or {}).get("bouncedRecipients", [])
        )
    return bool(SENDER_STATUS.search(said) or SENDER_WORDS.search(said))


def event_kind(esp_name: str, event) -> str:
    """anymail's event type, except that a temporary bounce is "deferred" and a refusal caused by
    us "sender_side"."""
    if event.event_type == EventType.BOUNCED and _temporary_bounce(esp_name, event.esp_event):
        return EventType.DEFERRED
    if event.event_type in (EventType.BOUNCED, EventType.REJECTED, EventType.FAILED) and _sender_side(esp_name, event):
        return WebhookOutcome.SENDER_SIDE
    return event.event_type


def event_key(event) -> str | None:
    """What tells this event from any other: the provider's id for it, else its kind, message,
    recipient and time together; None when there is not enough to tell (never taken for a replay)."""
    if event.event_id:
        return f"id:{event.event_id}"
    parts = (event.event_type, event.message_id, event.recipient, event.timestamp)
    if event.message_id and event.timestamp:
        return "|".join(str(part) for part in parts)
    return None


#: What a body that is not what the provider sends makes anymail's parsing raise (AnymailAPIError:
#: "malformed SNS message body").
MALFORMED = (ValueError, KeyError, IndexError, TypeError, AttributeError, AnymailAPIError)


def _served_when_configured(provider: str, view, needed: list[str]):
    @csrf_exempt
    def webhook(request, *args, **kwargs):
        if not all(getattr(settings, "ANYMAIL", {}).get(name) for name in needed):
            raise Http404
        try:
            with transaction.atomic():  # all the body's events, or none
                return view(request, *args, **kwargs)
        except MALFORMED as error:
            delivery.webhook_malformed_record(provider=provider)
            logger.warning("webhook %s: a body that cannot be read (%s), refused", provider, type(error).__name__)
            return HttpResponseBadRequest("malformed body\n", content_type="text/plain")

    return webhook


urlpatterns = [
    path(f"{name}/", _served_when_configured(name, view.as_view(), needed), name=f"webhook_{name}")
    for name, (view, needed) in PROVIDERS.items()
]
