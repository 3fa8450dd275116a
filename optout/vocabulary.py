"""The words the code uses for the things it stores: one named constant each.

Routes, case statuses, step kinds, reminder kinds and statuses, relations,
letter channels, call outcomes, timeline events, and written requests' kinds
and channels. Everything else imports
them from here; a test fails on a bare literal of one of these values in
`optout/`, `accounts/` or `config/` (tests/project/test_vocabulary.py).

Values are what the database stores: never change one without a migration.
Labels are French source strings (the English is in locale/en).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.vocabulary import Undeliverable  # noqa: F401 - one vocabulary: named here too


class Route(models.TextChoices):
    PHONE = "phone", _("par téléphone")
    ONLINE = "online", _("en ligne")
    CLOSURE = "closure", _("clôture")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("opposition à faire")
    OPPOSED = "opposed", _("opposition faite")
    CLOSING = "closing", _("clôture à faire")
    CLOSURE_REQUESTED = "closure_requested", _("clôture demandée")
    CLOSED = "closed", _("clôture confirmée")


#: Opposed, or closure confirmed: the case is over (nothing more to wait for, even from a written
#: request); its data are kept RETENTION_DAYS after (optout.selectors.account).
FINISHED_STATUSES = frozenset({CaseStatus.OPPOSED, CaseStatus.CLOSED})


class StepKind(models.TextChoices):
    CODE_RECEIVED = "code_received"
    PREPARE_CALL = "prepare_call"
    CALL = "call"
    CONFIRMATION_EMAIL = "confirmation_email"
    PREPARE_ONLINE = "prepare_online"
    OBJECT_ONLINE = "object_online"
    KEEP_PROOF = "keep_proof"
    CLOSE_SPACE = "close_space"
    CLOSURE_CONFIRMED = "closure_confirmed"


class ReminderKind(models.TextChoices):
    """Reminders with a fixed kind. Lead reminders are `lead-<days>` (see `lead_kind`)."""

    LAST_CALL = "last-call"  # the morning of the last day the 3422 answers before act-by
    LATE_START = "late-start"  # act-by has passed, the legal deadline still runs: call now
    LATE_LEAD = "late-lead"  # two line days before the last day to call before the legal deadline
    LATE_LAST_CALL = "late-last-call"  # the morning of that last day
    MISSED = "missed"  # the morning the space opens: how to close it
    CODE_AWAITED = "code-awaited"
    CLOSURE_CONFIRMATION = "closure-confirmation"
    RETENTION_WARNING = "retention-warning"
    # A written request (GDPR art. 12(3), R1111-36): the answer is due soon, is late; the deletion is due.
    ANSWER_SOON = "answer-soon"
    ANSWER_LATE = "answer-late"
    #: The same two once an extension was notified in time: the later date, with reminders of its own.
    EXTENDED_ANSWER_SOON = "extended-answer-soon"
    EXTENDED_ANSWER_LATE = "extended-answer-late"
    DELETION_DUE = "deletion-due"
    #: The month a child whose case a parent follows turns 18 (Person.adult_month): the child acts themself now.
    OF_AGE = "of-age"


#: The reminders about a written request: they stop once its answer is marked received.
REQUEST_REMINDERS = (
    ReminderKind.ANSWER_SOON,
    ReminderKind.ANSWER_LATE,
    ReminderKind.EXTENDED_ANSWER_SOON,
    ReminderKind.EXTENDED_ANSWER_LATE,
    ReminderKind.DELETION_DUE,
)


LEAD_PREFIX = "lead-"


def lead_kind(days: int) -> str:
    """The kind of the reminder sent `days` days before the date limit."""
    return f"{LEAD_PREFIX}{days}"


def lead_days_of(kind: str) -> int | None:
    return int(kind.removeprefix(LEAD_PREFIX)) if kind.startswith(LEAD_PREFIX) else None


class Situation(models.TextChoices):
    """Where a case stands today, from its status and its letter's phase: the words and colours of its pages."""

    SAFE = "safe"  # to oppose, on or before act-by
    LATE = "late"  # to oppose, act-by passed, the legal deadline still runs
    NOT_OPEN_YET = "not-open-yet"  # closure chosen, the space is not open yet
    SPACE_OPEN = "space-open"  # to close: the space is open (deadline passed, or no letter)
    CLOSURE_REQUESTED = "closure-requested"  # waiting for the deletion's confirmation
    OPPOSED = "opposed"
    CLOSED = "closed"


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("prévu")
    SENDING = "sending", _("en cours d'envoi")
    SENT = "sent", _("envoyé")
    CANCELLED = "cancelled", _("annulé")
    FAILED = "failed", _("non remis après plusieurs essais")
    #: Waiting for the owner's address to work again: re-synced like pending, never claimed.
    HELD = "held", _("en attente : votre adresse ne recevait plus nos courriels")
    #: Was held past its time, then replaced by one catch-up email (see `caught_up_by`).
    CAUGHT_UP = "caught_up", _("remplacé par un courriel récapitulatif")


#: The one email that replaces the reminders an undeliverable address missed: `catch-up-<when>`,
#: one per release, never part of a case's schedule.
CATCH_UP_PREFIX = "catch-up-"


def catch_up_kind(at) -> str:
    return f"{CATCH_UP_PREFIX}{at:%Y%m%d%H%M%S}"


def is_catch_up(kind: str) -> bool:
    return kind.startswith(CATCH_UP_PREFIX)


class WebhookOutcome(models.TextChoices):
    """Provider events we count but do not act on (optout.services.delivery), beside anymail's kinds."""

    SENDER_SIDE = "sender_side", _("refusé à cause de l'expéditeur (DMARC, contenu, domaine bloqué)")
    STALE = "stale", _("antérieur à la dernière confirmation de l'adresse")
    REPLAYED = "replayed", _("déjà reçu")
    MALFORMED = "malformed", _("illisible")


class Relation(models.TextChoices):
    SELF = "self", _("moi-même")
    CHILD = "child", _("mon enfant")
    REPRESENTED = "represented", _("une personne que je représente légalement")
    #: Another adult of the household (a partner, a grown-up child at home): they act themselves.
    ADULT = "adult", _("un autre adulte du foyer")
    #: A relative you help (an elderly parent…), who is not legally represented: they act themselves,
    #: you organise (the large-print sheet, the mandate for a complaint to the CNIL).
    HELPED = "helped", _("un proche que j'aide, qui fait sa démarche lui-même")


#: The people who take the steps themselves, with their own card and code: you only help.
ACTS_THEMSELF = (Relation.ADULT, Relation.HELPED)


class Channel(models.TextChoices):
    EMAIL = "email", _("un courriel")
    POST = "post", _("un courrier postal")
    #: A Mon espace santé notification without the letter itself: its dates are estimates (Letter.estimated).
    NOTICE = "notice", _("une notification")


#: What a letter or an email arrives by; a notification is only offered when the letter itself is missing.
LETTER_CHANNELS = (Channel.EMAIL, Channel.POST)


class Scheme(models.TextChoices):
    """Who wrote: the body that manages the person's basic health insurance (« Qui vous a écrit ? »).

    A written request goes to it; we ship no list of addresses (optout/wording/schemes.py says where
    to find one). UNKNOWN keeps the words written for the Assurance Maladie in general.
    """

    CPAM = "cpam", _("l'Assurance Maladie, une caisse primaire (CPAM)")
    MSA = "msa", _("la MSA, la Mutualité sociale agricole")
    MUTUAL = (
        "mutual",
        _(
            "une mutuelle qui gère l'assurance maladie obligatoire (une section locale mutualiste : la MGEN, par exemple)"
        ),
    )
    CGSS = "cgss", _("une caisse d'outre-mer : une CGSS, ou la caisse de sécurité sociale de Mayotte")
    OTHER = "other", _("un autre organisme")
    UNKNOWN = "unknown", _("je ne sais pas")


class RequestKind(models.TextChoices):
    """What a written request to the Assurance Maladie asks for."""

    CLOSURE = "closure", _("clôture de l'espace et suppression de ses données")
    OPPOSITION = "opposition", _("opposition à la création de l'espace")


class RequestChannel(models.TextChoices):
    """How a written request was sent."""

    REGISTERED = "registered", _("courrier recommandé avec avis de réception")
    POST = "post", _("courrier simple")
    EMAIL = "email", _("courriel")


class CallOutcome(models.TextChoices):
    WORKED = "worked", _("c'est fait : l'opposition est enregistrée")
    ASKED_FOR_CODE = "asked_for_code", _("on m'a demandé un code que je n'ai pas")
    NO_ANSWER = "no_answer", _("pas de réponse, ou ligne occupée")
    OTHER = "other", _("autre chose")


class EventKind(models.TextChoices):
    OPENED = "opened"
    ROUTE_CHANGED = "route_changed"
    STEP_DONE = "step_done"
    STEP_UNDONE = "step_undone"
    CALL_LOGGED = "call_logged"
    WINDOW_MISSED = "window_missed"
    # A written request: each date as it is recorded (the data hold the day, never a name).
    REQUEST_SENT = "request_sent"
    REQUEST_DELIVERED = "request_delivered"
    REQUEST_EXTENDED = "request_extended"
    REQUEST_ANSWERED = "request_answered"
    REQUEST_REMOVED = "request_removed"


def reminder_about(kind: str) -> str:
    """What a reminder of this kind is about, in a few words (in the active language): pages and the
    catch-up email."""
    days = lead_days_of(kind)
    if days is not None:
        return ngettext(
            "%(days)s jour avant le dernier jour conseillé", "%(days)s jours avant le dernier jour conseillé", days
        ) % {"days": days}
    return {
        ReminderKind.LAST_CALL: gettext("le dernier jour conseillé pour appeler le 3422"),
        ReminderKind.LATE_START: gettext("le dernier jour conseillé passé : l'opposition reste possible"),
        ReminderKind.LATE_LEAD: gettext("deux jours d'ouverture avant le dernier jour où le 3422 répond"),
        ReminderKind.LATE_LAST_CALL: gettext("le dernier jour où le 3422 répond avant la fin du délai légal"),
        ReminderKind.MISSED: gettext("l'ouverture de l'espace : comment le clôturer"),
        ReminderKind.CODE_AWAITED: gettext("le code provisoire toujours attendu"),
        ReminderKind.CLOSURE_CONFIRMATION: gettext("la confirmation de clôture toujours attendue"),
        ReminderKind.RETENTION_WARNING: gettext("la suppression prochaine d'une démarche terminée"),
        ReminderKind.ANSWER_SOON: gettext("la réponse à votre demande écrite, bientôt due"),
        ReminderKind.EXTENDED_ANSWER_SOON: gettext("la réponse à votre demande écrite, bientôt due"),
        ReminderKind.ANSWER_LATE: gettext("la réponse à votre demande écrite, en retard : la CNIL"),
        ReminderKind.EXTENDED_ANSWER_LATE: gettext("la réponse à votre demande écrite, en retard : la CNIL"),
        ReminderKind.DELETION_DUE: gettext("la suppression des données, due après votre demande écrite"),
    }.get(kind, kind)
