"""Password rules in our own words (Django's are good rules; their French wording is not ours)."""

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")

    def get_error_message(self):
        return ngettext(
            "Ce mot de passe est trop court : il faut au moins %(min_length)d caractère.",
            "Ce mot de passe est trop court : il faut au moins %(min_length)d caractères.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Au moins %(min_length)d caractère.",
            "Au moins %(min_length)d caractères.",
            self.min_length,
        ) % {"min_length": self.min_length}
