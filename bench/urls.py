"""The benchmarks' URLs: the site's (config.urls), plus the yardstick view. Never in production:
only bench/settings.py names it, and only the page benchmark (bench/pages.py) runs with those settings."""

from django.shortcuts import redirect
from django.urls import path
from django.views.generic import TemplateView

from config.urls import urlpatterns as site


class BareView(TemplateView):
    """The yardstick for page benchmarks: our layout, a template, no query of our own;
    a POST (through the same CSRF check) redirects back to it, like a step's « C'est fait »."""

    template_name = "bench/bare.html"

    def post(self, request):
        return redirect(request.path)


urlpatterns = [*site, path("_bench/bare/", BareView.as_view())]
