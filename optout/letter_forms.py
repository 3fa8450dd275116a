"""The forms that read a letter's dates: the new case's letter and the anonymous calculator.
Dates are read day first (optout/dates_field.py); the services' rules check them."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.departements import DEPARTEMENT_CHOICES
from optout import deadlines
from optout.dates_field import DayFirstDateField
from optout.services import LetterData, letter_validate
from optout.vocabulary import LETTER_CHANNELS, Channel, Scheme
from optout.wording import Who
from optout.wording.letter import swap_hints
from optout.wording.people import letter_labels


def _check_letter(form: forms.Form, letter: LetterData) -> None:
    """The services' rules for a letter's dates, each error on its field; and, when reading a date month
    first would make them right, a word about it (dates are read day first)."""
    try:
        letter_validate(data=letter, today=form.today)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field_name, message)
        other = deadlines.other_reading(letter.sent_on, letter.received_on, form.today)
        for hint in swap_hints(letter.sent_on, letter.received_on, other):
            form.add_error(None, hint)


class LetterForm(forms.Form):
    """The letter or email from the Assurance Maladie; without it (lost, or only a notification), its
    approximate date, and the dates are estimates; or none when the space is already open."""

    LETTER = "letter"
    NO_LETTER = "no_letter"
    ALREADY_OPEN = "already_open"

    situation = forms.ChoiceField(
        label=_("Votre situation"),
        choices=[
            (LETTER, _("J'ai reçu un courrier ou un courriel au sujet de Mon espace santé")),
            (NO_LETTER, _("J'ai reçu une notification, ou je n'ai plus le courrier : je connais la date à peu près")),
            (ALREADY_OPEN, _("Mon espace est déjà ouvert : je veux le clôturer")),
        ],
        widget=forms.RadioSelect,
        initial=LETTER,
    )
    scheme = forms.ChoiceField(
        label=_("Qui vous a écrit ?"),
        help_text=_(
            "Son nom figure en haut du courrier ou dans le courriel. C'est à lui qu'une demande écrite s'adresse ; "
            "dans le doute, choisissez « je ne sais pas »."
        ),
        choices=Scheme.choices,
        widget=forms.RadioSelect,
        initial=Scheme.UNKNOWN,
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Vous l'avez reçu par"),
        help_text=_("Une notification seulement si vous n'avez plus le courrier ou n'en avez pas reçu."),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    sent_on = DayFirstDateField(
        label=_("Date imprimée sur le courrier ou le courriel"),
        help_text=_("En haut du courrier, ou la date d'envoi du courriel. Laissez vide si vous ne la trouvez pas."),
        required=False,
    )
    received_on = DayFirstDateField(
        label=_("Date à laquelle vous l'avez reçu"),
        help_text=_(
            "Le jour où il est arrivé dans votre boîte aux lettres ou votre messagerie. Sans le courrier : la date à "
            "peu près, et dans le doute la plus ancienne possible, pour ne pas compter trop tard."
        ),
        required=False,
    )
    had_code = forms.BooleanField(
        label=_("Il contenait un code provisoire"),
        help_text=_("Un code de 12 caractères selon les guides. Ne le saisissez pas ici : gardez-le pour vous."),
        required=False,
    )

    def __init__(self, *args, today: date, ask_departement: bool = False, who: Who | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        if who is not None:  # phrased for whose letter it is (optout/wording)
            labels = letter_labels(who)
            self.fields["situation"].choices = [
                (self.LETTER, labels["letter"]),
                (self.NO_LETTER, labels["no_letter"]),
                (self.ALREADY_OPEN, labels["already_open"]),
            ]
            self.fields["received_on"].label = labels["received_on"]
        # Needed unless the space is already open: not shown as optional.
        for name in ("channel", "received_on"):
            self.fields[name].conditionally_required = True
        if ask_departement:  # the profile has none: the last day to call depends on it
            self.fields["departement"] = forms.ChoiceField(
                label=_("Votre département"),
                help_text=_(
                    "Il décide des jours fériés, donc du dernier jour où le 3422 répond. Nous le gardons dans vos "
                    "préférences, où vous pouvez le changer ; outre-mer, avec l'heure de chez vous pour les horaires "
                    "et les rappels."
                ),
                choices=[("", _("Non précisé")), *DEPARTEMENT_CHOICES],
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        situation = cleaned.get("situation")
        if situation not in (self.LETTER, self.NO_LETTER):
            return cleaned
        if situation == self.NO_LETTER:
            cleaned["sent_on"] = None  # the letter is missing: no printed date, the rest is estimated
        if not cleaned.get("channel"):
            if situation == self.NO_LETTER:
                self.add_error("channel", _("Indiquez si c'était un courriel, un courrier postal ou une notification."))
            else:
                self.add_error("channel", _("Indiquez si vous avez reçu un courriel ou un courrier postal."))
        elif situation == self.LETTER and cleaned["channel"] not in LETTER_CHANNELS:
            self.add_error(
                "channel",
                _("Une notification seule ne donne pas les dates : choisissez « je n'ai plus le courrier » plus haut."),
            )
        if not cleaned.get("received_on") and "received_on" not in self.errors:
            self.add_error("received_on", _("Indiquez la date à laquelle vous l'avez reçu."))
        if not self.errors:
            _check_letter(self, self.letter_data(cleaned))
        return cleaned

    @staticmethod
    def letter_data(cleaned) -> LetterData | None:
        situation = cleaned.get("situation")
        if situation not in (LetterForm.LETTER, LetterForm.NO_LETTER):
            return None
        return LetterData(
            channel=cleaned["channel"],
            sent_on=cleaned.get("sent_on"),
            received_on=cleaned["received_on"],
            had_code=bool(cleaned.get("had_code")),
            scheme=cleaned.get("scheme") or Scheme.UNKNOWN,
            estimated=situation == LetterForm.NO_LETTER,
        )


class CalculatorForm(forms.Form):
    """The anonymous calculator: two dates and, optionally, a département. Nothing is stored."""

    sent_on = DayFirstDateField(
        label=_("Date imprimée sur le courrier ou le courriel"),
        help_text=_("Sans elle, nous prenons la date de réception comme date d'envoi."),
        required=False,
    )
    received_on = DayFirstDateField(
        label=_("Date à laquelle vous l'avez reçu"),
        error_messages={"required": _("Indiquez la date à laquelle vous l'avez reçu.")},
    )
    departement = forms.ChoiceField(
        label=_("Votre département"),
        help_text=_(
            "Il détermine les jours fériés, donc le dernier jour où le 3422 répond ; outre-mer, les heures sont aussi "
            "données à l'heure de chez vous."
        ),
        choices=[("", _("Non précisé")), *DEPARTEMENT_CHOICES],
        required=False,
    )
    regime = forms.ChoiceField(
        label=_("Qui vous a écrit ?"),
        help_text=_("Facultatif : les étapes nomment alors l'expéditeur du courrier."),
        choices=[
            ("", _("Non précisé")),
            *[(value, label) for value, label in Scheme.choices if value != Scheme.UNKNOWN],
        ],
        required=False,
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            letter = LetterData(Channel.POST, cleaned.get("sent_on"), cleaned["received_on"], had_code=False)
            _check_letter(self, letter)
        return cleaned
