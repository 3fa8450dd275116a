"""The operator's view: enough to help someone, never their notes."""

from django.contrib import admin

from optout.models import Case, Person, Reminder


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "relation", "created_at"]
    list_filter = ["relation"]
    search_fields = ["owner__email"]
    raw_id_fields = ["owner"]
    fields = ["owner", "label", "relation"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["id", "person", "route", "status", "legal_deadline", "window_missed_on", "created_at"]
    list_filter = ["route", "status"]
    search_fields = ["person__owner__email"]
    raw_id_fields = ["person", "letter"]
    # Steps and calls carry people's own notes: not shown here.
    readonly_fields = ["legal_deadline", "window_missed_on", "status_changed_at", "created_at"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["id", "case", "kind", "due_at", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["case"]
    readonly_fields = ["message_id", "sent_at", "lease_expires_at", "attempts", "last_error"]
