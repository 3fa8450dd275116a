"""People, their letters, their cases, the steps of each case and its written request.

Every row is reached through its owner's account (Person.owner). There is
never a field for a social security number, a provisional code, a Vitale
serial number or a date of birth: people keep those, we keep dates.
Writes go through optout.services; reads for pages through optout.selectors.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from optout import routes
from optout.validators import no_identifiers, one_line_name
from optout.vocabulary import (
    FINISHED_STATUSES,
    CallOutcome,
    CaseStatus,
    Channel,
    EventKind,
    Relation,
    ReminderStatus,
    RequestChannel,
    RequestKind,
    Route,
    Scheme,
)


class Person(models.Model):
    Relation = Relation

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people")
    label = models.CharField(_("nom ou prénom"), max_length=60, validators=[one_line_name, no_identifiers])
    relation = models.CharField(_("lien"), max_length=16, choices=Relation.choices)
    #: For a child: the first day of the month they turn 18 — a month and a year, never a day, and
    #: never a date of birth (a check constraint holds the day at 1). That month a reminder tells the
    #: parent that the child now acts themself (optout/schedule.py, `of-age`).
    adult_month = models.DateField(_("mois de ses 18 ans"), null=True, blank=True)
    #: « Pouvez-vous téléphoner ? »: whoever takes the steps can call the 3422. When not, nothing
    #: sends them to the phone (optout.actions `can_call`). The reason is never asked nor stored.
    can_call = models.BooleanField(_("peut téléphoner"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"], condition=Q(relation=Relation.SELF), name="person_one_self_per_owner"
            ),
            models.CheckConstraint(
                condition=Q(adult_month__isnull=True) | Q(adult_month__day=1), name="person_adult_month_is_a_month"
            ),
        ]

    def __str__(self):
        return self.label


class Letter(models.Model):
    Channel = Channel

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="letters")
    channel = models.CharField(_("reçu par"), max_length=8, choices=Channel.choices)
    sent_on = models.DateField(_("date imprimée sur le courrier"), null=True, blank=True)
    received_on = models.DateField(_("date de réception"))
    had_code = models.BooleanField(_("contenait un code provisoire"), default=False)
    #: Who wrote (« Qui vous a écrit ? »): the written request's addressee and the steps' words follow.
    scheme = models.CharField(_("envoyé par"), max_length=8, choices=Scheme.choices, default=Scheme.UNKNOWN)
    #: The letter itself is missing (lost, or only a notification came): `received_on` is approximate,
    #: and every page that shows the dates says they are estimates.
    estimated = models.BooleanField(_("dates estimées"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True) | Q(sent_on__lte=F("received_on")),
                name="letter_arrives_after_it_is_sent",
            ),
        ]

    def __str__(self):
        return f"Letter {self.pk}"


class Case(models.Model):
    Status = CaseStatus
    Route = Route

    #: The only status changes a case may make; services refuse any other.
    TRANSITIONS = {
        Status.OPEN: {Status.OPPOSED, Status.CLOSING},
        Status.OPPOSED: {Status.OPEN, Status.CLOSING},
        Status.CLOSING: {Status.OPEN, Status.CLOSURE_REQUESTED},
        Status.CLOSURE_REQUESTED: {Status.CLOSING, Status.CLOSED},
        Status.CLOSED: {Status.CLOSURE_REQUESTED},
    }
    FINISHED = FINISHED_STATUSES

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cases")
    letter = models.OneToOneField(Letter, on_delete=models.CASCADE, null=True, blank=True, related_name="case")
    route = models.CharField(_("démarche"), max_length=8, choices=Route.choices)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.OPEN)
    #: Copied from the letter (optout.state.dates_of is the source) so that the periodic
    #: job finds the cases whose legal deadline has passed with one indexed query.
    legal_deadline = models.DateField(null=True, blank=True)
    #: The day the case moved to closure because its legal deadline passed with no
    #: opposition marked done (the space opened).
    window_missed_on = models.DateField(null=True, blank=True)
    status_changed_at = models.DateTimeField()
    # Set by the services from the `now` they are given (reminders are never
    # planned before the case existed).
    created_at = models.DateTimeField(default=timezone.now)

    #: The form's one-time token: a second submission of the same form (a double click) finds this
    #: case instead of opening another (optout.services.cases.case_open).
    intent = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["legal_deadline"], condition=Q(status=CaseStatus.OPEN), name="case_open_legal_deadline"
            ),
        ]
        constraints = [models.UniqueConstraint(fields=["person", "intent"], name="case_intent_once")]

    def __str__(self):
        return f"Case {self.pk}"

    @property
    def route_spec(self) -> routes.RouteSpec:
        return routes.ROUTES[self.route]

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class Step(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=32)
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True, validators=[no_identifiers])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="step_once_per_case")]

    def __str__(self):
        return f"Step {self.kind} of case {self.case_id}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class WrittenRequest(models.Model):
    """A request written to the Assurance Maladie (closure with deletion, or opposition), by dates only.

    The letter itself is built in the person's browser and never sent to us: no
    name, address, social security number or date of birth has a field here.
    One per case; its dates are corrected in place.
    """

    Kind = RequestKind
    Channel = RequestChannel

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="written_request")
    kind = models.CharField(_("demande"), max_length=12, choices=Kind.choices)
    channel = models.CharField(_("envoyée par"), max_length=12, choices=Channel.choices)
    sent_on = models.DateField(_("envoyée le"))
    delivered_on = models.DateField(_("reçue par la caisse le"), null=True, blank=True)
    extension_notified_on = models.DateField(_("prolongation annoncée le"), null=True, blank=True)
    answer_received_on = models.DateField(_("réponse reçue le"), null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True) | Q(delivered_on__gte=F("sent_on")),
                name="request_delivered_after_sent",
            ),
            models.CheckConstraint(
                condition=Q(extension_notified_on__isnull=True) | Q(extension_notified_on__gte=F("sent_on")),
                name="request_extended_after_sent",
            ),
            models.CheckConstraint(
                condition=Q(answer_received_on__isnull=True) | Q(answer_received_on__gte=F("sent_on")),
                name="request_answered_after_sent",
            ),
        ]

    def __str__(self):
        return f"Written request of case {self.case_id}"


class CallAttempt(models.Model):
    Outcome = CallOutcome

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="calls")
    called_at = models.DateTimeField()
    outcome = models.CharField(_("résultat"), max_length=16, choices=Outcome.choices)
    note = models.CharField(_("note"), max_length=500, blank=True, validators=[no_identifiers])

    class Meta:
        ordering = ["-called_at", "-id"]

    def __str__(self):
        return f"Call {self.pk} ({self.outcome})"


class CaseEvent(models.Model):
    """One line of a case's timeline: what happened, when. No free text."""

    Kind = EventKind

    # Indexed by `case_timeline` below, which starts with the case.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", db_index=False)
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            # A case's timeline in order, and its latest events without reading the others:
            # a case whose steps were ticked and unticked many times keeps a fast page.
            models.Index(fields=["case", "at", "id"], name="case_timeline"),
        ]

    def __str__(self):
        return f"Event {self.kind} of case {self.case_id}"


class Reminder(models.Model):
    """An email that is due at a given time. The database is the queue.

    Rows are created, moved and cancelled by optout.services.reminders_sync;
    the dispatcher claims due rows, sends them and marks them sent.
    """

    Status = ReminderStatus

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=32)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    #: The last sending error, short and without the message body.
    last_error = models.CharField(max_length=200, blank=True)
    #: For a reminder held past its time: the catch-up email that told the person instead.
    caught_up_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="reminder_once_per_case_kind")]
        indexes = [
            models.Index(fields=["due_at"], condition=Q(status=ReminderStatus.PENDING), name="reminder_pending_due"),
            models.Index(
                fields=["lease_expires_at"], condition=Q(status=ReminderStatus.SENDING), name="reminder_sending_lease"
            ),
        ]

    def __str__(self):
        return f"Reminder {self.kind} of case {self.case_id} ({self.status})"


class CalendarFeed(models.Model):
    """A private calendar address. Whoever has the token can read the dates; regenerating it kills the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self):
        return f"Calendar feed of user {self.user_id}"


class Tick(models.Model):
    """When a periodic job last ran, by name. Read by /healthz and /metrics.

    In the database rather than in Redis: it must survive a Redis restart (which
    would otherwise look like a stopped dispatcher) and be read in the same query
    as the oldest due reminder.
    """

    DISPATCH = "dispatch"
    #: Present while the mail server (or the provider's API) fails: `at` is when it started,
    #: `detail` the latest error (its kind and code, never an address). Gone once an email goes out.
    MAIL_OUTAGE = "mail-outage"
    #: Present while the cache cannot reach Redis and uses the database (config/cache.py).
    CACHE_DOWN = "cache-down"

    name = models.CharField(max_length=32, primary_key=True)
    at = models.DateTimeField()
    detail = models.CharField(max_length=200, blank=True, default="")

    def __str__(self):
        return f"{self.name} at {self.at}"


class WebhookEvent(models.Model):
    """A provider's event already applied, by a keyed digest of what identifies it (nothing readable):
    a replay of it changes nothing. Kept RETENTION days (optout.services.privacy.retention_apply)."""

    digest = models.CharField(max_length=64, primary_key=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"event {self.digest[:8]} at {self.at}"


class WebhookEventCount(models.Model):
    """How many tracking events each mail provider has posted, by kind. Nothing personal."""

    provider = models.CharField(max_length=32)
    kind = models.CharField(max_length=32)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "kind"], name="webhook_event_count_once")]

    def __str__(self):
        return f"{self.provider} {self.kind}: {self.count}"
