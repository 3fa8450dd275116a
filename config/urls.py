from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views

urlpatterns = [
    path("", include("optout.urls")),
    path("compte/", include("allauth.urls")),
    path("compte/preferences/", include("accounts.urls")),
    path("langue/", account_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
