"""Forms parse and check input; services decide. Labels are French source strings."""

from __future__ import annotations

from datetime import date

from allauth.account.adapter import get_adapter
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.departements import DEPARTEMENT_CHOICES
from optout import deadlines, routes
from optout.dates_field import DayFirstDateField
from optout.models import CallAttempt, Person
from optout.services import LetterData, RequestData, letter_validate, written_request_validate
from optout.validators import no_identifiers
from optout.vocabulary import CallOutcome, Channel, Relation, RequestChannel, RequestKind
from optout.wording import Who
from optout.wording.letter import swap_hints
from optout.wording.people import call_outcomes, can_call_question, letter_labels


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


def _yes(value) -> bool:
    return value in (True, "True")


class PersonForm(forms.ModelForm):
    """Who the person is, and « Pouvez-vous téléphoner ? », asked once and changed here (never why)."""

    can_call = forms.TypedChoiceField(
        label=_("Pouvez-vous téléphoner ?"),
        help_text=_(
            "Pour un proche qui fait sa démarche lui-même : peut-il ou peut-elle téléphoner ? Sans téléphone, nous "
            "proposons le site et le courrier, jamais le 3422. Nous ne demandons pas pourquoi."
        ),
        choices=[
            (True, _("Oui, un appel au 3422 est possible")),
            (False, _("Non, pas de téléphone")),
        ],
        coerce=_yes,
        widget=forms.RadioSelect,
        initial=True,
        # « Oui » is checked to begin with: a form sent without the question (an old page) keeps the phone.
        required=False,
        empty_value=True,
    )

    class Meta:
        model = Person
        fields = ["label", "relation", "can_call"]
        widgets = {"relation": forms.RadioSelect}
        help_texts = {"label": _("Comme vous l'appelez : « Moi », « Léa »… Rien d'autre n'est demandé.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relation"].choices = Relation.choices  # radios: no empty choice
        self.fields[
            "can_call"
        ].conditionally_required = True  # always answered (« Oui » to begin with): not « facultatif »
        if self.instance.pk:  # a person already known: the question is about them
            self.fields["can_call"].label = can_call_question(Who.of(self.instance))
            self.fields["can_call"].help_text = _(
                "Sans téléphone, nous proposons le site et le courrier, jamais le 3422. Nous ne demandons pas pourquoi."
            )


class LetterForm(forms.Form):
    """The letter or email from the Assurance Maladie, or none when the space is already open."""

    LETTER = "letter"
    ALREADY_OPEN = "already_open"

    situation = forms.ChoiceField(
        label=_("Votre situation"),
        choices=[
            (LETTER, _("J'ai reçu un courrier ou un courriel au sujet de Mon espace santé")),
            (ALREADY_OPEN, _("Mon espace est déjà ouvert : je veux le clôturer")),
        ],
        widget=forms.RadioSelect,
        initial=LETTER,
    )
    channel = forms.ChoiceField(
        label=_("Vous l'avez reçu par"), choices=Channel.choices, widget=forms.RadioSelect, required=False
    )
    sent_on = DayFirstDateField(
        label=_("Date imprimée sur le courrier ou le courriel"),
        help_text=_("En haut du courrier, ou la date d'envoi du courriel. Laissez vide si vous ne la trouvez pas."),
        required=False,
    )
    received_on = DayFirstDateField(
        label=_("Date à laquelle vous l'avez reçu"),
        help_text=_("Le jour où il est arrivé dans votre boîte aux lettres ou votre messagerie."),
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
                    "Il décide des jours fériés, donc du dernier jour où le 3422 répond. "
                    "Nous le gardons dans vos préférences, où vous pouvez le changer."
                ),
                choices=[("", _("Non précisé")), *DEPARTEMENT_CHOICES],
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("situation") != self.LETTER:
            return cleaned
        if not cleaned.get("channel"):
            self.add_error("channel", _("Indiquez si vous avez reçu un courriel ou un courrier postal."))
        if not cleaned.get("received_on") and "received_on" not in self.errors:
            self.add_error("received_on", _("Indiquez la date à laquelle vous l'avez reçu."))
        if not self.errors:
            _check_letter(self, self.letter_data(cleaned))
        return cleaned

    @staticmethod
    def letter_data(cleaned) -> LetterData | None:
        if cleaned.get("situation") != LetterForm.LETTER:
            return None
        return LetterData(
            channel=cleaned["channel"],
            sent_on=cleaned.get("sent_on"),
            received_on=cleaned["received_on"],
            had_code=bool(cleaned.get("had_code")),
        )


class RouteForm(forms.Form):
    route = forms.ChoiceField(label=_("La démarche que vous choisissez"), widget=forms.RadioSelect)
    #: One per form shown: sent twice, it opens one case (optout.services.cases.case_open).
    intent = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [(key, routes.ROUTES[key].name) for key in allowed]


class ChangeRouteForm(forms.Form):
    route = forms.ChoiceField(label=_("Démarche"), choices=routes.ROUTE_CHOICES)


class StepNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        validators=[no_identifiers],
        help_text=_("Visible de vous uniquement. N'y écrivez pas vos numéros."),
    )


class CallForm(forms.ModelForm):
    class Meta:
        model = CallAttempt
        fields = ["outcome", "note"]
        widgets = {"outcome": forms.RadioSelect}
        help_texts = {
            "note": _("Visible de vous uniquement : l'heure, ce qu'on vous a dit. N'y écrivez pas vos numéros.")
        }
        labels = {"outcome": _("Comment s'est passé l'appel ?")}

    def __init__(self, *args, who: Who | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        words = call_outcomes(who) if who is not None else {}
        # Radios: no empty choice; each said as whoever called says it.
        self.fields["outcome"].choices = [(value, words.get(value, label)) for value, label in CallOutcome.choices]
        self.fields["outcome"].error_messages["required"] = _("Choisissez comment s'est passé l'appel.")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    email = forms.EmailField(
        label=_("Votre adresse électronique, pour confirmer"),
        help_text=_("Tapez-la en entier : c'est ce qui confirme que vous voulez tout supprimer."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        """Checked like a login (allauth's adapter): failed tries count in the same limit,
        and once it is reached the password is refused before it is even looked at."""
        password = self.cleaned_data["password"]
        try:
            right = get_adapter().reauthenticate(self.user, password)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise ValidationError(
                _("Trop d'essais avec un mauvais mot de passe. Réessayez dans quelques minutes."), code="rate_limited"
            ) from None
        if not right:
            raise ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.strip().lower() != self.user.email.lower():
            raise ValidationError(_("Ce n'est pas l'adresse de votre compte."))
        return email


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
        help_text=_("Il détermine les jours fériés, donc le dernier jour où le 3422 répond."),
        choices=[("", _("Non précisé")), *DEPARTEMENT_CHOICES],
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


class WrittenRequestForm(forms.Form):
    """A written request's kind, channel and dates: never what the letter said, nor to whom."""

    kind = forms.ChoiceField(label=_("Ce que vous avez demandé"), choices=RequestKind.choices, widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("Envoyée par"), choices=RequestChannel.choices, widget=forms.RadioSelect)
    sent_on = DayFirstDateField(
        label=_("Date d'envoi"),
        help_text=_("Le jour où vous avez posté la lettre ou envoyé le courriel."),
    )
    delivered_on = DayFirstDateField(
        label=_("Date de réception par la caisse"),
        help_text=_(
            "Sur l'avis de réception d'un recommandé. Sans elle, nous comptons depuis l'envoi : "
            "une estimation, un peu en avance."
        ),
        required=False,
    )
    extension_notified_on = DayFirstDateField(
        label=_("Date à laquelle la caisse a annoncé une prolongation"),
        help_text=_("Seulement si elle vous a écrit qu'elle prolongeait le délai de réponse, en donnant ses raisons."),
        required=False,
    )
    answer_received_on = DayFirstDateField(
        label=_("Date à laquelle vous avez reçu la réponse"),
        help_text=_("Dès qu'une réponse arrive, même un refus : les rappels s'arrêtent."),
        required=False,
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                written_request_validate(data=RequestData(**cleaned), today=self.today)
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field_name, message)
        return cleaned
