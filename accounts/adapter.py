from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation


def supported_language(code: str | None) -> str:
    """The site language closest to `code` (fr-FR → fr), French otherwise."""
    codes = {lang for lang, _ in settings.LANGUAGES}
    short = (code or "").split("-")[0].lower()
    return short if short in codes else settings.LANGUAGE_CODE


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # The language someone signs up in is the one their emails use.
        user.language = supported_language(translation.get_language())
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(supported_language(language)):
            super().send_mail(template_prefix, email, context)
