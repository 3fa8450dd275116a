"""Production settings plus the benchmarks' URLs (bench/urls.py): the page benchmark's server runs with
DJANGO_SETTINGS_MODULE=bench.settings; nothing else does."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
