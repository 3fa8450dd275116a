"""Held reminders survive everything a case goes through, are never sent, and come back once the address works.

Coming back: reminders still to come are pending again; those whose time passed
meanwhile are replaced by one catch-up email listing them.
"""

import re
from datetime import datetime, timedelta
from io import StringIO
from urllib.parse import urlparse

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.services import user_update_preferences
from optout import services
from reminders import dispatch
from tests.accounts.test_login import login
from tests.delivery import payloads
from tests.delivery.test_webhooks import BANNER, readable
from tests.factories import PASSWORD, UserFactory
from tests.helpers import NOW, PARIS, open_case, plain

pytestmark = pytest.mark.django_db

LEAD_7 = datetime(2026, 3, 17, 9, 0, tzinfo=PARIS)
LEAD_2 = datetime(2026, 3, 20, 9, 0, tzinfo=PARIS)


def statuses(case):
    return dict(case.reminders.values_list("kind", "status"))


def hold(case, now=NOW):
    return services.address_hold(user=case.person.owner, reason="bounced", now=now)


def body(message, subtype):
    return plain(message.get_body(preferencelist=(subtype,)).get_content())


def test_held_reminders_are_never_sent(smtp_server):
    case = open_case()
    hold(case)

    with time_machine.travel(LEAD_2 + timedelta(minutes=1), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).claimed == 0

    assert smtp_server.messages == []
    assert set(statuses(case)) == {
        "lead-7",
        "lead-2",
        "last-call",
        "late-start",
        "late-lead",
        "late-last-call",
        "missed",
    }
    assert set(statuses(case).values()) == {"held"}


def test_held_reminders_follow_the_schedule_like_pending_ones():
    case = open_case()
    user = case.person.owner
    hold(case)

    user.refresh_from_db()  # as a request would load it: with its address held
    user_update_preferences(user=user, now=NOW, reminder_lead_days=[10, 2], reminder_hour=18)
    moved = {r.kind: (r.status, r.due_at.astimezone(PARIS).strftime("%d %H:%M")) for r in case.reminders.all()}
    services.step_mark_done(case=case, kind="call", now=NOW)

    assert moved == {  # 18:00 is after the line closes: reminders about calling come at 8:30
        "lead-7": ("cancelled", "17 09:00"),  # no longer wanted
        "lead-10": ("held", "13 08:30"),  # new, and held from the start
        "lead-2": ("held", "20 08:30"),  # moved, still held
        "last-call": ("held", "24 08:30"),
        "late-start": ("held", "25 08:30"),
        "late-lead": ("held", "01 08:30"),
        "late-last-call": ("held", "03 08:30"),
        "missed": ("held", "04 18:00"),
    }
    after_done = statuses(case)
    assert after_done.pop("retention-warning") == "held"
    assert set(after_done.values()) == {"cancelled"}  # done: nothing more to hold


def test_releasing_before_anything_was_due_brings_every_reminder_back_to_pending():
    case = open_case()
    hold(case)

    assert services.address_release(user=case.person.owner, now=NOW + timedelta(days=1)) is None

    assert set(statuses(case).values()) == {"pending"}
    case.person.owner.refresh_from_db()
    assert case.person.owner.email_undeliverable_since is None


def test_reminders_due_while_held_are_replaced_by_one_catch_up_email(smtp_server):
    case = open_case(label="Moi")
    second = open_case(user=case.person.owner, label="Lou", relation="child")
    hold(case)
    released_at = LEAD_2 + timedelta(hours=3)

    catch_up = services.address_release(user=case.person.owner, now=released_at)
    with time_machine.travel(released_at + timedelta(seconds=30), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1
        assert dispatch.dispatch_due(clock=timezone.now).sent == 0

    assert catch_up.case == case  # the first case carries it; it lists both
    first = statuses(case)
    first["catch-up"] = first.pop(catch_up.kind)
    still_to_come = dict.fromkeys(("last-call", "late-start", "late-lead", "late-last-call", "missed"), "pending")
    assert first == {"lead-7": "caught_up", "lead-2": "caught_up", **still_to_come, "catch-up": "sent"}
    assert statuses(second) == {"lead-7": "caught_up", "lead-2": "caught_up", **still_to_come}
    [message] = smtp_server.messages
    # Django folds a long encoded subject onto a second line; unfolded, it keeps a leading space.
    assert plain(message["Subject"]).strip() == "Vos rappels reprennent : ce qui est arrivé à échéance entre-temps"
    words = body(message, "plain")
    assert "== Par téléphone, au 3422 ==" in words and "== Lou — Par téléphone, au 3422 ==" in words
    assert "Moi" not in words  # your own case is not named in the third person
    assert "- 7 jours avant le dernier jour conseillé (prévu le 17 mars 2026)" in words
    assert "- 2 jours avant le dernier jour conseillé (prévu le 20 mars 2026)" in words
    # Where each case stands now: its next action, said to whoever acts.
    assert "Appelez le 3422 au plus tard le mardi 24 mars 2026, avant 17 h." in words
    assert "Appelez le 3422 pour Lou au plus tard le mardi 24 mars 2026, avant 17 h." in words
    assert words.count("Voir la démarche : http://testserver/suivi/demarches/") == 2
    html = body(message, "html")
    assert "7 jours avant le dernier jour conseillé (prévu le 17 mars 2026)" in html
    assert message["List-Id"] == "Rappels <rappels.testserver>"
    assert message["Auto-Submitted"] == "auto-generated"

    with time_machine.travel(datetime(2026, 3, 24, 9, 0, 30, tzinfo=PARIS), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 2  # the last-call reminders go out as usual
    assert len(smtp_server.messages) == 3


def test_a_catch_up_held_again_before_it_went_out_is_folded_into_the_next_one():
    case = open_case()
    hold(case)
    first = services.address_release(user=case.person.owner, now=LEAD_7 + timedelta(hours=1))
    hold(case, now=LEAD_7 + timedelta(hours=1, seconds=10))  # bounced again at once

    second = services.address_release(user=case.person.owner, now=LEAD_2 + timedelta(hours=1))

    first.refresh_from_db()
    assert (first.status, first.caught_up_by) == ("caught_up", second)
    assert set(second.replaces.exclude(pk=first.pk).values_list("kind", flat=True)) == {"lead-7", "lead-2"}


def test_an_english_speaker_gets_the_catch_up_in_english(smtp_server):
    case = open_case()
    user = case.person.owner
    user.language = "en"
    user.save()
    hold(case)
    services.address_release(user=user, now=LEAD_7 + timedelta(hours=1))

    with time_machine.travel(LEAD_7 + timedelta(hours=1, seconds=30), tick=False):
        dispatch.dispatch_due(clock=timezone.now)

    [message] = smtp_server.messages
    assert message["Subject"].strip() == "Your reminders are back: what fell due in the meantime"
    assert "7 days before the last advised day (planned for 17 March 2026)" in body(message, "plain")


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_changing_and_confirming_the_address_releases_the_reminders(client, mailoutbox, post_event, requests_commit):
    case = open_case()
    user = case.person.owner
    post_event("brevo", payloads.brevo("hard_bounce", user.email))
    assert set(statuses(case).values()) == {"held"}

    login(client, user.email, PASSWORD)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks before a change
    client.post(reverse("account_email"), {"action_add": "", "email": "new-address@example.org"})
    assert set(statuses(case).values()) == {"held"}  # not before the new address is confirmed
    [confirmation] = [m for m in mailoutbox if m.to == ["new-address@example.org"]]
    path = urlparse(re.search(r"https?://\S+?(/compte/courriel/confirmation/\S+/)", confirmation.body).group(0)).path
    client.post(path)

    user.refresh_from_db()
    assert user.email == "new-address@example.org"
    assert user.email_undeliverable_since is None
    assert set(statuses(case).values()) == {"pending"}
    assert BANNER not in readable(client.get(reverse("dashboard")))


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_confirming_the_same_address_from_the_banner_releases_the_reminders(
    client, mailoutbox, post_event, django_capture_on_commit_callbacks
):
    case = open_case()
    user = case.person.owner
    post_event("postmark", payloads.postmark("SpamComplaint", user.email))
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):  # the email leaves once the request has committed
        page = client.post(reverse("address_check"), follow=True)
    assert f"Nous venons d'écrire à {user.email}" in readable(page)
    again = client.post(reverse("address_check"), follow=True)  # a second click within minutes sends nothing
    assert "Attendez quelques minutes" in readable(again)
    [check] = mailoutbox
    assert check.to == [user.email]
    assert plain(check.subject) == "Confirmez votre adresse pour recevoir de nouveau vos rappels"
    link = urlparse(re.search(r"http://testserver(/adresse/confirmer/\S+/)", check.body).group(0)).path

    client.logout()  # the link works from any browser: having the email is the proof
    assert "Confirmer mon adresse ?" in readable(client.get(link))
    assert set(statuses(case).values()) == {"held"}  # a mail scanner opening the link changes nothing
    done = client.post(link)

    assert "Merci, vos rappels reprennent" in readable(done)
    assert set(statuses(case).values()) == {"pending"}


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_a_confirmation_link_for_an_old_address_changes_nothing(client, mailoutbox, django_capture_on_commit_callbacks):
    case = open_case()
    user = case.person.owner
    hold(case)
    with django_capture_on_commit_callbacks(execute=True):
        services.address_check_send(user=user)
    link = urlparse(re.search(r"http://testserver(/adresse/confirmer/\S+/)", mailoutbox[0].body).group(0)).path
    user.email = "other@example.org"
    user.save()

    response = client.post(link)

    assert response.status_code == 400
    assert set(statuses(case).values()) == {"held"}


def test_a_tampered_confirmation_link_gets_a_clear_page(client):
    response = client.post("/adresse/confirmer/not-a-token/")

    assert response.status_code == 400
    assert "Ce lien ne fonctionne pas" in readable(response)


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_the_operator_marks_an_address_bounced_by_hand_and_can_undo_it():
    case = open_case()
    user = case.person.owner
    out = StringIO()

    call_command("mark_bounced", user.email.upper(), stdout=out)
    assert out.getvalue().strip() == f"account {user.pk}: address marked undeliverable (bounced), 7 reminders held"
    assert set(statuses(case).values()) == {"held"}
    user.refresh_from_db()
    assert user.email_undeliverable_reason == "bounced"

    out = StringIO()
    call_command("mark_bounced", user.email, "--undo", stdout=out)
    assert out.getvalue().strip() == f"account {user.pk}: address released"
    assert set(statuses(case).values()) == {"pending"}

    with pytest.raises(CommandError, match="No account has this address"):
        call_command("mark_bounced", "nobody@example.org")


def test_the_export_says_since_when_and_why_the_address_is_held(user_client, user):
    case = open_case(user=user)
    hold(case)

    account = user_client.get(reverse("account_export")).json()["account"]

    assert datetime.fromisoformat(account["email_undeliverable_since"]) == NOW
    assert account["email_undeliverable_reason"] == "bounced"


def test_staff_see_since_when_and_why_in_the_admin(client):
    case = open_case()
    hold(case)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get(reverse("admin:accounts_user_change", args=[case.person.owner.pk]))
    listing = client.get(reverse("admin:accounts_user_changelist"), {"email_undeliverable_reason": "bounced"})

    assert "les messages envoyés à cette adresse nous sont revenus sans être remis" in readable(page)
    assert case.person.owner.email in readable(listing)
