from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", include("optout.urls")),
    path("compte/", include("accounts.allauth_urls")),  # allauth's pages, at French paths
    path("compte/preferences/", include("accounts.urls")),
    path("langue/", account_views.set_language, name="set_language"),
    # Mail providers post bounces and complaints here (reminders/webhooks.py, docs/operations.md).
    path("webhooks/", include("reminders.webhooks")),
    path(settings.ADMIN_URL, admin.site.urls),
]
