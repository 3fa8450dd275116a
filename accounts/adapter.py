"""allauth in our voice: its error messages in our words, its emails in the recipient's language
and time zone, their links on SITE_URL.

allauth builds its links from the request (`http://127.0.0.1:8000/…` behind a proxy that
rewrites the host, `testserver` in tests); the address people know is SITE_URL.
"""

import zoneinfo
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from optout.selectors.account import RETENTION_UNVERIFIED

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
