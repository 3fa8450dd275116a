from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from optout import services
from optout.services import LetterData
from tests.factories import PersonFactory, UserFactory

PARIS = ZoneInfo("Europe/Paris")
OPENED = datetime(2026, 3, 2, 10, 0, tzinfo=PARIS)  # act_by 24 March 2026 for the default letter


@pytest.fixture
def open_case():
    def make(user=None, route="phone", label="Moi", relation="self", had_code=False, now=OPENED):
        user = user or UserFactory()
        person = PersonFactory(owner=user, label=label, relation=relation)
        letter = LetterData("post", date(2026, 2, 20), date(2026, 2, 24), had_code)
        return services.case_open(person=person, route=route, letter=letter, now=now)

    return make
