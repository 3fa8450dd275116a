"""The « C'est fait » link of an email, after the step has changed on the site."""

from datetime import timedelta

import pytest
import time_machine

from optout import links, services
from optout.models import Case
from tests.helpers import NOW, open_case, text

pytestmark = pytest.mark.django_db


def path_of(url):
    return url.removeprefix("http://testserver")


def test_an_old_link_after_an_undo_shows_the_current_state_and_does_nothing(client):
    case = open_case()
    old_link = path_of(links.step_done_url(case.pk, "call"))  # in the email of the 2nd of March
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        services.step_mark_done(case=case, kind="call", now=NOW + timedelta(hours=2))  # on the site
    with time_machine.travel(NOW + timedelta(hours=3), tick=False):
        services.step_undo(case=case, kind="call", now=NOW + timedelta(hours=3))  # a mistake: undone

    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        shown = client.get(old_link)
        posted = client.post(old_link)

    for response in (shown, posted):
        assert response.status_code == 200
        assert "Ce lien date d'avant un changement" in text(response)
        assert "est à faire" in text(response)  # the step as it is now
        assert "Oui, c'est fait" not in text(response)
    assert Case.objects.get().status == "open"
    assert not case.steps.get(kind="call").is_done


def test_a_link_sent_after_the_undo_works(client):
    case = open_case()
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        services.step_mark_done(case=case, kind="call", now=NOW + timedelta(hours=2))
        services.step_undo(case=case, kind="call", now=NOW + timedelta(hours=2))
    with time_machine.travel(NOW + timedelta(hours=5), tick=False):
        new_link = path_of(links.step_done_url(case.pk, "call"))  # a later reminder
        response = client.post(new_link)

    assert "est marqué comme fait" in text(response)
    assert Case.objects.get().status == "opposed"


def test_an_old_link_after_the_step_was_done_on_the_site_says_so(client):
    case = open_case()
    old_link = path_of(links.step_done_url(case.pk, "call"))
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        services.step_mark_done(case=case, kind="call", now=NOW + timedelta(hours=2))
        response = client.post(old_link)

    assert "Ce lien date d'avant un changement" in text(response)
    assert "Aujourd'hui, « Appeler le 3422 et demander l'opposition » est marqué comme fait." in text(response)
    assert Case.objects.get().status == "opposed"


def test_a_link_from_an_english_email_opens_in_english_even_in_a_french_browser(client):
    from tests.factories import UserFactory

    case = open_case(UserFactory(language="en"))
    french_browser = {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}

    done = client.get(path_of(links.step_done_url(case.pk, "call")), **french_browser)
    stop = client.get(path_of(links.unsubscribe_url(case.person.owner.pk)), **french_browser)

    for response in (done, stop):
        assert response.status_code == 200
        assert '<html lang="en">' in text(response)
        assert response["Content-Language"] == "en"
    assert "Yes, it is done" in text(done) or "it is done" in text(done).lower()
