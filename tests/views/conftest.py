from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from optout import services
from optout.services import LetterData
from tests.factories import PersonFactory

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=PARIS)  # Monday 2 March 2026, the 3422 line is open


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def make_case():
    def make(
        owner,
        route="phone",
        label="Moi",
        relation="self",
        sent_on=date(2026, 2, 20),
        received_on=date(2026, 2, 24),
        had_code=False,
    ):
        person = PersonFactory(owner=owner, label=label, relation=relation)
        letter = (
            None if route == "closure" and received_on is None else LetterData("post", sent_on, received_on, had_code)
        )
        return services.case_open(person=person, route=route, letter=letter, now=NOW)

    return make
