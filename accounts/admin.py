from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "language", "is_active", "is_staff", "date_joined"]
    search_fields = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["language", "time_zone", "departement", "reminders_enabled"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
        # Set by the providers' webhooks or `mark_bounced`; cleared when the address works again.
        ("Delivery", {"fields": ["email_undeliverable_since", "email_undeliverable_reason"]}),
    ]
    readonly_fields = ["email_undeliverable_since", "email_undeliverable_reason"]
    list_filter = ["email_undeliverable_reason", "is_staff", "is_active"]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
