import pytest
import time_machine

from tests.helpers import NOW


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield
