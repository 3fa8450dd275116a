"""allauth in our voice: its error messages in our words, its emails in the recipient's language
and time zone, their links on SITE_URL.

allauth builds its links from the request (`http://127.0.0.1:8000/…` behind a proxy that
rewrites the host, `testserver` in tests); the address people know is SITE_URL.
"""

import logging
import zoneinfo
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core import ratelimit
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.preferences import RETENTION_UNVERIFIED

logger = logging.getLogger(__name__)

#: The emails anyone can make us send to an address, by typing it: capped per hour (settings,
#: ACCOUNT_EMAILS_PER_CLIENT and ACCOUNT_EMAILS_PER_ADDRESS). Security notices are never capped.
CAPPED_EMAILS = {
    "account/email/login_code",
    "account/email/password_reset_key",
    "account/email/unknown_account",
    "account/email/account_already_exists",
    "account/email/email_confirmation",
    "account/email/email_confirmation_signup",
}

#: The links allauth puts in its emails' context, built from the request's host.
EMAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


def supported_language(code: str | None) -> str:
    """The site language closest to `code` (fr-FR → fr), French otherwise."""
    codes = {lang for lang, _ in settings.LANGUAGES}
    short = (code or "").split("-")[0].lower()
    return short if short in codes else settings.LANGUAGE_CODE


def on_site(url: str) -> str:
    """`url`'s path and query on SITE_URL, whatever host the request came through."""
    parts = urlsplit(url)
    return settings.SITE_URL + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def time_zone_of(user) -> str:
    """The account's time zone if Python knows it, Paris otherwise."""
    zone = getattr(user, "time_zone", "") or settings.TIME_ZONE
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return settings.TIME_ZONE
    return zone


def owner_of(email: str):
    """The account `email` belongs to, if any."""
    from allauth.account.models import EmailAddress

    address = (
        EmailAddress.objects.filter(email__iexact=email)
        .select_related("user")
        .order_by("-primary", "-verified")
        .first()
    )
    return address.user if address else None


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Ce compte est désactivé."),
        "cannot_remove_primary_email": _("Vous ne pouvez pas retirer l'adresse qui sert à vous connecter."),
        "duplicate_email": _("Cette adresse est déjà celle de votre compte."),
        "email_password_mismatch": _("L'adresse électronique ou le mot de passe est incorrect."),
        "email_taken": _("Cette adresse électronique est déjà utilisée par un autre compte."),
        "enter_current_password": _("Ce n'est pas votre mot de passe actuel."),
        "incorrect_code": _("Ce code est incorrect. Vérifiez-le, ou demandez-en un nouveau."),
        "incorrect_password": _("Ce mot de passe est incorrect."),
        "invalid_or_expired_key": _("Ce lien a expiré ou n'est pas valable."),
        "invalid_login": _("L'adresse électronique ou le mot de passe est incorrect."),
        "invalid_password_reset": _("Ce lien pour changer de mot de passe a expiré ou a déjà servi."),
        "max_email_addresses": _("Vous ne pouvez pas avoir plus de %d adresses électroniques."),
        "too_many_login_attempts": _(
            "Trop de tentatives de connexion échouées. Réessayez plus tard, ou recevez un code par courriel."
        ),
        "unknown_email": _("Aucun compte n'utilise cette adresse électronique."),
        "unverified_primary_email": _("Confirmez d'abord votre adresse électronique."),
        "select_only_one": _("Choisissez une seule réponse."),
        "same_as_current": _("C'est déjà votre adresse actuelle : saisissez la nouvelle."),
        "rate_limited": _("Trop de demandes en peu de temps. Patientez quelques minutes, puis réessayez."),
    }

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed sign-ins count per address *and* client: others' wrong guesses never lock the owner out."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"

    def _within_email_cap(self, template_prefix: str, email: str) -> bool:
        """Whether this email may go: capped ones count per address and client, then per address."""
        request = getattr(allauth_context, "request", None)
        if template_prefix not in CAPPED_EMAILS or request is None:
            return True
        address = email.strip().lower()
        client = self.get_client_ip(request)
        return ratelimit.consume(request, action="account_email_client", key=f"{address}:{client}") and (
            ratelimit.consume(request, action="account_email_address", key=address)
        )

    def save_user(self, request, user, form, commit=True):
        # The language someone signs up in is the one their emails use.
        user.language = supported_language(translation.get_language())
        return super().save_user(request, user, form, commit=commit)

    def get_http_user_agent(self, request) -> str:
        # allauth says "Unspecified" when there is none; our notices then leave the line out.
        return request.META.get("HTTP_USER_AGENT", "")

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # allauth leaves the account out of a notice's context: it decides the notice's language.
        super().send_notification_mail(template_prefix, user, {**(context or {}), "user": user}, email)

    def send_mail(self, template_prefix, email, context):
        """An account email in its recipient's language and time zone, its links on SITE_URL.

        The recipient is the account the address belongs to (the owner reads "an account
        already exists", whoever typed their address), else the person at the browser.
        """
        if not self._within_email_cap(template_prefix, email):
            logger.warning("account email %s not sent: this hour's cap for the address is reached", template_prefix)
            return
        owner = context.get("user") or owner_of(email)
        language = supported_language(getattr(owner, "language", None) or translation.get_language())
        context = {
            **context,
            **{name: on_site(context[name]) for name in EMAIL_LINKS if context.get(name)},
            "SITE_NAME": settings.SITE_NAME,
            "SITE_URL": settings.SITE_URL,
            "unverified_days": RETENTION_UNVERIFIED.days,
        }
        with translation.override(language), timezone.override(time_zone_of(owner)):
            super().send_mail(template_prefix, email, context)
