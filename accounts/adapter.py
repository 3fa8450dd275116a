"""allauth in our voice: its error messages in our words."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def supported_language(code: str | None) -> str:
    """The site language closest to `code` (fr-FR → fr), French otherwise."""
    codes = {lang for lang, _ in settings.LANGUAGES}
    short = (code or "").split("-")[0].lower()
    return short if short in codes else settings.LANGUAGE_CODE


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

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(supported_language(language)):
            super().send_mail(template_prefix, email, context)
