"""The date rules are pure: these tests need neither the database nor Redis."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Overrides tests/conftest.py's Redis flush: nothing here touches the cache.
    yield
