from django.urls import path

from optout.views import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("suivi/", pages.dashboard, name="dashboard"),
]
