from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.departements import DEPARTEMENT_CHOICES
from accounts.preferences import DEFAULT_LEAD_DAYS
from accounts.vocabulary import Undeliverable


def default_lead_days():
    return list(DEFAULT_LEAD_DAYS)


#: Where people live who get the Assurance Maladie's letter: mainland France and Corsica, and the
#: overseas départements and collectivités it covers. Named as people say them.
TIME_ZONE_CHOICES = [
    ("Europe/Paris", _("France métropolitaine et Corse")),
    ("America/Guadeloupe", _("Guadeloupe")),
    ("America/Martinique", _("Martinique")),
    ("America/Cayenne", _("Guyane")),
    ("Indian/Reunion", _("La Réunion")),
    ("Indian/Mayotte", _("Mayotte")),
    ("America/St_Barthelemy", _("Saint-Barthélemy")),
    ("America/Marigot", _("Saint-Martin")),
    ("America/Miquelon", _("Saint-Pierre-et-Miquelon")),
]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account. The email address is the login; there is no username.

    The profile lives here too: it is a handful of preferences read on
    almost every request and by every email, so one row is enough.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("adresse électronique"), unique=True)

    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    #: An IANA time zone; the preferences form offers TIME_ZONE_CHOICES (and keeps an older value).
    time_zone = models.CharField(_("où vous vivez"), max_length=64, default="Europe/Paris")
    departement = models.CharField(
        _("département"),
        max_length=3,
        choices=DEPARTEMENT_CHOICES,
        blank=True,
        help_text=_("Facultatif. Il détermine les jours fériés régionaux (l'Alsace-Moselle en compte deux de plus)."),
    )
    reminders_enabled = models.BooleanField(
        _("rappels par courriel"),
        default=True,
        help_text=_("Décochez pour suspendre tous les rappels. Vous pouvez les réactiver à tout moment."),
    )

    reminder_lead_days = models.JSONField(
        _("rappels avant la date limite"),
        default=default_lead_days,
        help_text=_("Combien de jours avant la date limite vous écrire."),
    )
    reminder_hour = models.PositiveSmallIntegerField(
        _("heure d'envoi des rappels"),
        default=9,
        validators=[MinValueValidator(6), MaxValueValidator(21)],
    )

    #: Set when a mail provider (or the operator) reports that this address no longer gets
    #: our emails; cleared when the address is changed or confirmed again. Reminders are
    #: held meanwhile (optout.services.delivery). Here, on the account, because there is one
    #: address per account and every reader (the re-sync, the pages) already has this row.
    email_undeliverable_since = models.DateTimeField(null=True, blank=True, editable=False)
    email_undeliverable_reason = models.CharField(
        max_length=16, blank=True, editable=False, choices=Undeliverable.choices
    )

    #: When the address last proved it gets our emails (allauth's confirmation, a change of
    #: address, our "my address works" link): a provider's event from before it is stale.
    email_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)

    #: Bumped by every service that changes what this person's pages show: cached
    #: page fragments built with an older number are never used (optout.page_cache).
    data_version = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.email


class Session(AbstractBaseSession):
    """Django's database session, with the signed-in user's id beside the signed data.

    Ending every session of an account (on its deletion) is then one indexed
    delete, instead of decoding every session row. SESSION_ENGINE is accounts.sessions.
    """

    # No database constraint: a request still running while its account is deleted
    # may save its session after the user row is gone; Django's cascade removes it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "accounts_session"

    @classmethod
    def get_session_store_class(cls):
        return SessionStore


class SessionStore(DatabaseSessionStore):
    """The store for `Session`; the session engine (accounts/sessions.py) hands it to Django."""

    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        try:
            instance.user_id = int(data.get("_auth_user_id"))
        except (TypeError, ValueError):
            instance.user_id = None
        return instance
