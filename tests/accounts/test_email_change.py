"""Changing the account's email address: the old address is told."""

import re
from urllib.parse import urlparse

import pytest
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_old_address_is_told_when_the_email_changes(client, user, mailoutbox):
    old = user.email
    client.post(reverse("account_login"), {"login": old, "password": PASSWORD})

    change = {"action_add": "", "email": "nouvelle@example.org"}
    response = client.post(reverse("account_email"), change)
    if response["Location"].startswith(reverse("account_reauthenticate")):
        client.post(response["Location"], {"password": PASSWORD})  # the password again; then the change goes on
    [confirmation] = mailoutbox
    assert confirmation.to == ["nouvelle@example.org"]
    link = urlparse(re.search(r"https?://\S+/compte/courriel/confirmation/\S+/", confirmation.body).group(0)).path
    client.post(link)

    assert User.objects.get(pk=user.pk).email == "nouvelle@example.org"
    notice = mailoutbox[-1]
    assert notice.to == [old]
    assert old in notice.body and "nouvelle@example.org" in notice.body
    assert notice.body.startswith("Bonjour,")  # in the account's language
