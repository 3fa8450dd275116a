"""The reminders about a written request: their words for each person kind and language, both parts,
the fast rendering path, and the dispatcher sending them at their time."""

from datetime import date, datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from optout import services
from optout.models import Case, Reminder
from optout.services import RequestData
from reminders import dispatch, emails
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case, plain

pytestmark = pytest.mark.django_db

ASKED = datetime(2026, 3, 31, 10, tzinfo=PARIS)
SENT = datetime(2026, 7, 2, 10, tzinfo=PARIS)
#: Sent Thursday 2 July 2026: the month ends Sunday 2 August, so the answer is due Monday 3 August (an
#: estimate); the deletion Friday 2 October.
DUE = {
    "answer-soon": datetime(2026, 7, 31, 9, tzinfo=PARIS),
    "answer-late": datetime(2026, 8, 4, 9, tzinfo=PARIS),
    "deletion-due": datetime(2026, 10, 2, 9, tzinfo=PARIS),
}
LABEL = {"self": "Moi", "child": "Léa", "represented": "Léa"}
SPACE = {
    ("fr", "self"): "votre espace",
    ("fr", "child"): "l'espace de Léa",
    ("fr", "represented"): "l'espace de Léa",
    ("en", "self"): "your space",
    ("en", "child"): "Léa's space",
    ("en", "represented"): "Léa's space",
}


def with_request(language="fr", relation="self", **dates):
    user = UserFactory(language=language)
    case = open_case(user, route="closure", label=LABEL[relation], relation=relation, now=ASKED)
    services.step_mark_done(case=case, kind="code_received", now=ASKED)
    services.step_mark_done(case=case, kind="close_space", now=ASKED)
    data = {"kind": "closure", "channel": "registered", "sent_on": date(2026, 7, 2), **dates}
    services.written_request_record(case=case, data=RequestData(**data), now=SENT + timedelta(days=5))
    return Case.objects.get(pk=case.pk)  # as the dispatcher reads it


def rendered(case, kind):
    reminder = Reminder(case=case, kind=kind, due_at=DUE[kind])
    with time_machine.travel(DUE[kind], tick=False):
        subject, text, html = emails.render_reminder(*emails.reminder_parts(reminder, now=timezone.now()))
    return plain(subject), plain(text), plain(unescape(html))


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("relation", ["self", "child", "represented"])
@pytest.mark.parametrize("kind", sorted(DUE))
def test_each_request_reminder_names_the_space_in_both_parts_and_links_the_right_pages(kind, relation, language):
    case = with_request(language, relation)

    subject, text, html = rendered(case, kind)

    for part in (text, html):
        assert SPACE[language, relation] in part
        assert f"/suivi/demarches/{case.pk}/demande-ecrite/" in part  # note the answer
        assert "/fait/" not in part  # no « C'est fait »: an answer is noted with its date
    if kind != "answer-soon":
        assert f"/suivi/demarches/{case.pk}/cnil/" in text and f"/suivi/demarches/{case.pk}/cnil/" in html
    if relation == "self":
        assert "Moi" not in subject + text + html
    else:
        assert subject.endswith("(Léa)")


@pytest.mark.parametrize(
    ("kind", "subject", "says"),
    [
        (
            "answer-soon",
            "Votre demande écrite : réponse attendue d'ici le 3 août 2026",
            [
                "Votre demande écrite du 2 juillet 2026 au sujet de votre espace doit recevoir une réponse au plus "
                "tard le lundi 3 août 2026 (article 12 du RGPD).",
                "Cette date est comptée depuis l'envoi.",
            ],
        ),
        (
            "answer-late",
            "Pas de réponse à votre demande écrite : vous pouvez saisir la CNIL",
            [
                "devait recevoir une réponse au plus tard le lundi 3 août 2026, et aucune réponse n'est notée.",
                "Vous pouvez maintenant saisir la CNIL, en ligne ou par courrier.",
                "La suppression des données reste due au plus tard le vendredi 2 octobre 2026",
            ],
        ),
        (
            "deletion-due",
            "Suppression des données due aujourd'hui : l'avez-vous reçue ?",
            [
                "Le 2 juillet 2026, vous avez demandé par écrit la clôture de votre espace",
                "au plus tard le vendredi 2 octobre 2026, et vous en informer (article R1111-36",
            ],
        ),
    ],
)
def test_the_words_of_each_reminder(kind, subject, says):
    got_subject, text, html = rendered(with_request(), kind)

    assert got_subject.replace("\u202f", " ") == subject
    for sentence in says:
        assert sentence in text and sentence in html


def test_with_the_delivery_date_the_date_is_no_longer_an_estimate():
    case = with_request(delivered_on=date(2026, 7, 6))
    reminder = case.reminders.get(kind="answer-soon")
    assert reminder.due_at == datetime(2026, 8, 3, 9, tzinfo=PARIS)  # 6 August, less three days

    with time_machine.travel(reminder.due_at, tick=False):
        _subject, text, _html = emails.render_reminder(*emails.reminder_parts(reminder, now=timezone.now()))

    assert "jeudi 6 août 2026" in plain(text)
    assert "comptée depuis l'envoi" not in plain(text)


def test_an_extended_answer_keeps_the_words_with_the_later_date():
    case = with_request(delivered_on=date(2026, 7, 6), extension_notified_on=date(2026, 7, 7))
    reminder = case.reminders.get(kind="extended-answer-late")
    assert reminder.due_at == datetime(2026, 10, 7, 9, tzinfo=PARIS)

    with time_machine.travel(reminder.due_at, tick=False):
        subject, text, _html = emails.render_reminder(*emails.reminder_parts(reminder, now=timezone.now()))

    assert plain(subject) == "Pas de réponse à votre demande écrite : vous pouvez saisir la CNIL"
    assert "au plus tard le mardi 6 octobre 2026" in plain(text)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", sorted(DUE))
def test_rendered_from_its_cached_shape_it_is_the_same_as_rendered_in_full(kind, language):
    case = with_request(language, "child")
    reminder = Reminder(case=case, kind=kind, due_at=DUE[kind])

    with time_machine.travel(DUE[kind], tick=False):
        shape, personal = emails.reminder_parts(reminder, now=timezone.now())
        fast = emails.render_reminder(shape, personal)
        full = emails.render(shape, {**personal, "done_url": ""})

    assert fast == full
    assert shape.request is not None


def test_other_reminders_never_read_the_request(django_assert_num_queries):
    case = with_request()
    reminder = (
        Reminder.objects.select_related("case__person__owner", "case__letter")
        .prefetch_related("case__steps")
        .get(case=case, kind="closure-confirmation")
    )

    with django_assert_num_queries(0):
        shape, _personal = emails.reminder_parts(reminder, now=timezone.now())
    assert shape.request is None


def test_the_dispatcher_sends_the_late_answer_reminder_at_its_time_and_nothing_after_the_answer(smtp_server):
    case = with_request(language="en", relation="child")

    with time_machine.travel(DUE["answer-late"] - timedelta(minutes=1), tick=False):
        # The closure's confirmation reminder went on 30 June, the answer's first one on 31 July.
        case.reminders.filter(kind__in=["closure-confirmation", "answer-soon"]).update(status="sent")
        assert dispatch.dispatch_due(clock=timezone.now).sent == 0
    with time_machine.travel(DUE["answer-late"] + timedelta(seconds=5), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1

    [message] = smtp_server.messages
    # A long encoded subject is folded after « Subject: »: parsed back, it starts with the fold's space.
    assert message["Subject"].strip() == "No answer to your written request: you can complain to the CNIL (Léa)"
    plain = message.get_body(preferencelist=("plain",)).get_content()
    assert "Your written request of 2 July 2026 about Léa's space was due an answer by Monday 3 August 2026" in plain

    services.written_request_record(
        case=case,
        data=RequestData("closure", "registered", date(2026, 7, 2), answer_received_on=date(2026, 8, 10)),
        now=datetime(2026, 8, 10, 12, tzinfo=PARIS),
    )
    with time_machine.travel(DUE["deletion-due"] + timedelta(seconds=5), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 0
    assert case.reminders.get(kind="deletion-due").status == "cancelled"
