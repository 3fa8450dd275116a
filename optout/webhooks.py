"""Mail providers' tracking webhooks: one URL per provider, served by django-anymail.

anymail checks the basic-auth secret (ANYMAIL_WEBHOOK_SECRET) on every post, and the
provider's signature where anymail verifies one (Postal); it refuses anything else
with 400. It turns each provider's payload into normalised events and sends anymail's
`tracking` signal, which optout/receivers.py hands to services.tracking_event_record.

Without a secret the URLs answer 404: an open webhook would let anyone stop
anyone's reminders. Scaleway TEM has no anymail webhook (15.2): see docs/operations.md.

anymail calls some temporary failures "bounced" (a full mailbox: Brevo's soft_bounce,
Mailjet's bounce without hard_bounce, Postmark's SoftBounce, SES's Transient): we hold
an address only for lasting ones, so `event_kind` calls those "deferred", like the rest.
"""

from anymail.signals import EventType
from anymail.webhooks.amazon_ses import AmazonSESTrackingWebhookView
from anymail.webhooks.brevo import BrevoTrackingWebhookView
from anymail.webhooks.mailjet import MailjetTrackingWebhookView
from anymail.webhooks.postal import PostalTrackingWebhookView
from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from django.conf import settings
from django.http import Http404
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

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


def event_kind(esp_name: str, event) -> str:
    """anymail's event type, except that a temporary bounce is "deferred"."""
    if event.event_type == EventType.BOUNCED and _temporary_bounce(esp_name, event.esp_event):
        return EventType.DEFERRED
    return event.event_type


def _served_when_configured(view, needed: list[str]):
    @csrf_exempt
    def webhook(request, *args, **kwargs):
        if not all(getattr(settings, "ANYMAIL", {}).get(name) for name in needed):
            raise Http404
        return view(request, *args, **kwargs)

    return webhook


urlpatterns = [
    path(f"{name}/", _served_when_configured(view.as_view(), needed), name=f"webhook_{name}")
    for name, (view, needed) in PROVIDERS.items()
]
