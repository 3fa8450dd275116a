"""The benchmark's yardstick view exists only under the benchmark's settings (bench/settings.py)."""

import pytest
from django.urls import Resolver404, resolve


def test_the_production_urls_have_no_benchmark_view():
    with pytest.raises(Resolver404):
        resolve("/_bench/bare/", urlconf="config.urls")


def test_the_benchmark_urls_are_the_sites_plus_its_yardstick():
    assert resolve("/_bench/bare/", urlconf="bench.urls").func.view_class.__name__ == "BareView"
    assert resolve("/suivi/", urlconf="bench.urls").url_name == resolve("/suivi/", urlconf="config.urls").url_name
