"""Export holds everything of the account and nothing else; deletion leaves nothing behind."""

import json
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import serializers
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Session
from optout import selectors, services
from optout.models import Case, Reminder
from optout.services import LetterData
from tests.factories import PASSWORD, PersonFactory, UserFactory
from tests.helpers import NOW, PARIS, text

pytestmark = pytest.mark.django_db


def full_account(email, label, note):
    """An account with a person, a child, letters, cases, steps with notes, calls, reminders."""
    user = UserFactory(email=email)
    me = PersonFactory(owner=user, label="Moi", relation="self")
    child = PersonFactory(owner=user, label=label, relation="child")
    mine = services.case_open(
        person=me, route="phone", letter=LetterData("post", date(2026, 2, 20), date(2026, 2, 24), False), now=NOW
    )
    services.case_open(
        person=child, route="online", letter=LetterData("email", date(2026, 2, 25), date(2026, 2, 25), True), now=NOW
    )
    services.step_mark_done(case=mine, kind="prepare_call", now=NOW, note=note)
    services.call_log(case=mine, outcome="asked_for_code", note=f"{note} (appel)", now=NOW)
    return user


def whole_database() -> str:
    """Every row of every model, serialized: what a deleted account must not appear in."""
    return "".join(serializers.serialize("json", model.objects.all()) for model in apps.get_models())


def test_the_export_holds_everything_of_the_account_and_nothing_of_anyone_else(client):
    user = full_account("ana@example.org", "Léa", "note secrète d'Ana")
    full_account("bob@example.org", "Tom", "note secrète de Bob")
    client.force_login(user)

    response = client.get(reverse("account_export"))

    assert response["Content-Disposition"].startswith('attachment; filename="a-temps-mes-donnees-')
    data = json.loads(response.content)
    dump = json.dumps(data, ensure_ascii=False)
    assert data["account"]["email"] == "ana@example.org"
    assert [p["label"] for p in data["people"]] == ["Moi", "Léa"]
    first = data["people"][0]["cases"][0]
    assert first["letter"] == {
        "channel": "post",
        "sent_on": "2026-02-20",
        "received_on": "2026-02-24",
        "had_code": False,
        "scheme": "unknown",
        "estimated": False,
    }
    assert {s["kind"]: s["note"] for s in first["steps"]}["prepare_call"] == "note secrète d'Ana"
    assert first["calls"][0]["outcome"] == "asked_for_code"
    assert {r["kind"] for r in first["reminders"]} == {
        "lead-7",
        "lead-2",
        "last-call",
        "late-start",
        "late-lead",
        "late-last-call",
        "missed",
    }
    assert [e["kind"] for e in first["timeline"]] == ["opened", "step_done", "call_logged"]
    for foreign in ["bob@example.org", "Tom", "note secrète de Bob"]:
        assert foreign not in dump


def test_deleting_the_account_needs_the_password_and_the_email_typed(client):
    user = full_account("ana@example.org", "Léa", "note")
    client.force_login(user)

    wrong = client.post(reverse("account_delete"), {"password": "nope-nope-nope", "email": "ana@example.org"})
    other = client.post(reverse("account_delete"), {"password": PASSWORD, "email": "bob@example.org"})

    assert "Ce mot de passe n'est pas le bon." in text(wrong)
    assert "Ce n'est pas l'adresse de votre compte." in text(other)
    assert Case.objects.count() == 2


VERIFIED: list[str] = []


class RecordingHasher(MD5PasswordHasher):
    """Django's test hasher, noting each password it checks."""

    def verify(self, password, encoded):
        VERIFIED.append(password)
        return super().verify(password, encoded)


def test_the_sixth_wrong_password_is_refused_before_the_password_is_checked(client, settings):
    user = full_account("ana@example.org", "Léa", "note")
    client.force_login(user)
    settings.PASSWORD_HASHERS = [f"{__name__}.RecordingHasher"]
    url = reverse("account_delete")

    for attempt in range(5):
        wrong = client.post(url, {"password": f"devine-{attempt}", "email": "ana@example.org"})
        assert "Ce mot de passe n'est pas le bon." in text(wrong)
    VERIFIED.clear()
    sixth = client.post(url, {"password": PASSWORD, "email": "ana@example.org"})  # even the right one

    assert sixth.status_code == 200
    assert "Trop d'essais" in text(sixth)
    assert VERIFIED == []  # the password was not even looked at
    assert Case.objects.filter(person__owner=user).count() == 2
    client.logout()
    # Like a login: the same failed tries count there too; a code by email still lets Ana in.
    login = client.post(reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD})
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    assert reverse("account_request_login_code") in text(login)


def test_deleting_the_account_leaves_nothing_of_it_in_any_table_and_ends_every_session(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = full_account("ana@example.org", "Léa", "note secrète d'Ana")
    full_account("bob@example.org", "Tom", "note secrète de Bob")
    elsewhere = type(client)()
    elsewhere.force_login(user)  # a second browser
    client.force_login(user)
    before = whole_database()
    assert "ana@example.org" in before and "note secrète d'Ana" in before
    assert Session.objects.filter(user_id=user.pk).count() == 2

    with django_capture_on_commit_callbacks(execute=True):  # the goodbye leaves once the deletion is committed
        response = client.post(reverse("account_delete"), {"password": PASSWORD, "email": "ANA@example.org"})

    assert response["Location"] == reverse("home")
    after = whole_database()
    for trace in ["ana@example.org", "Léa", "note secrète d'Ana"]:
        assert trace not in after
    assert "bob@example.org" in after and "note secrète de Bob" in after
    assert elsewhere.get(reverse("dashboard")).status_code == 302  # signed out there too
    assert not Session.objects.filter(user_id=user.pk).exists()
    assert all(s.get_decoded().get("_auth_user_id") is None for s in Session.objects.all())
    assert [m.to for m in mailoutbox][-1] == ["ana@example.org"]
    assert "Votre compte est supprimé" in mailoutbox[-1].subject


def test_pending_reminders_are_cancelled_before_anything_is_deleted(django_capture_on_commit_callbacks):
    user = full_account("ana@example.org", "Léa", "note")
    statuses_seen = []

    def spy(sender, instance, **kwargs):
        statuses_seen.append(instance.status)

    from django.db.models.signals import pre_delete

    pre_delete.connect(spy, sender=Reminder)
    try:
        services.account_delete(user=user, now=NOW)
    finally:
        pre_delete.disconnect(spy, sender=Reminder)

    assert statuses_seen and set(statuses_seen) == {"cancelled"}


def test_deleting_one_case_removes_its_letter_steps_calls_and_reminders_only(client):
    user = full_account("ana@example.org", "Léa", "note")
    client.force_login(user)
    mine = Case.objects.get(person__relation="self")

    assert "Supprimer « Par téléphone, au 3422 » pour Moi ?" in text(client.get(reverse("case_delete", args=[mine.pk])))
    client.post(reverse("case_delete", args=[mine.pk]))

    assert list(Case.objects.values_list("person__label", flat=True)) == ["Léa"]
    assert not Reminder.objects.filter(case_id=mine.pk).exists()
    assert user.people.count() == 2


def finish(case, when):
    services.step_mark_done(case=case, kind="call", now=when)


def test_finished_cases_are_deleted_after_a_year_with_an_email_two_weeks_before():
    user = full_account("ana@example.org", "Léa", "note")
    mine = Case.objects.get(person__relation="self")
    finish(mine, NOW)
    warning = mine.reminders.get(kind="retention-warning")
    assert warning.due_at == datetime(2027, 2, 16, 9, 0, tzinfo=PARIS)

    assert selectors.retention_candidates(now=NOW + timedelta(days=364)).cases == []
    report = services.retention_apply(now=NOW + timedelta(days=366))

    assert report.cases == [mine.pk]
    assert list(Case.objects.values_list("person__owner", flat=True)) == [user.pk]  # the child's case stays


def test_the_retention_warning_goes_out_even_when_reminders_are_paused():
    full_account("ana@example.org", "Léa", "note")
    mine = Case.objects.get(person__relation="self")
    services.reminders_pause(user=mine.person.owner, now=NOW)

    finish(mine, NOW)

    assert set(mine.reminders.filter(status="pending").values_list("kind", flat=True)) == {"retention-warning"}


def test_accounts_never_verified_are_deleted_after_seven_days():
    with time_machine.travel(NOW, tick=False):
        stale = UserFactory(verified=False)
        fresh_enough = UserFactory(verified=False)
        verified = UserFactory()
    fresh_enough.date_joined = NOW + timedelta(days=3)
    fresh_enough.save()

    report = services.retention_apply(now=NOW + timedelta(days=8))

    assert report.accounts == [stale.pk]
    assert set(EmailAddress.objects.values_list("user_id", flat=True)) == {fresh_enough.pk, verified.pk}


def test_the_retention_command_has_a_dry_run_that_deletes_nothing():
    with time_machine.travel(NOW - timedelta(days=30), tick=False):
        UserFactory(verified=False)
    out = StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    assert out.getvalue().startswith("would delete 0 finished cases and 1 unverified accounts")
    assert EmailAddress.objects.count() == 1
    call_command("apply_retention", stdout=StringIO())
    assert EmailAddress.objects.count() == 0
