from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path
from django.views.generic import TemplateView

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

if settings.BENCH_VIEWS:

    class BareView(TemplateView):
        """The yardstick for page benchmarks: our layout, a template, no query of our own;
        a POST (through the same CSRF check) redirects back to it, like a step's « C'est fait »."""

        template_name = "bench/bare.html"

        def post(self, request):
            return redirect(request.path)

    urlpatterns.append(path("_bench/bare/", BareView.as_view()))
