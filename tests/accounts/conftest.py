import pytest


@pytest.fixture(autouse=True)
def _requests_commit(requests_commit):
    """allauth's emails leave once the request has committed (reminders/account_mail.py)."""
