"""The bytes the dispatcher hands to the mail server are the bytes Django would have sent.

`reminders.smtp.wire` serializes each email itself, with two shortcuts (short ASCII
headers written as they are, a boundary picked without a regular expression), and
a reminder's Subject is encoded once per distinct subject (`reminders.speed.ReminderEmail`):
here each is compared with Django's and the email package's own way, on real
reminders and on many header values.
"""

import random
import re
import string
from datetime import datetime
from email.header import Header
from email.policy import Compat32

import pytest
import time_machine
from django.core.mail import BadHeaderError, EmailMultiAlternatives
from django.utils import timezone

from optout.models import Reminder
from optout.vocabulary import Relation
from reminders import smtp, speed
from reminders.emails import reminder_email
from reminders.speed import ReminderEmail
from tests.helpers import PARIS, open_case

LEAD_7 = datetime(2026, 3, 17, 9, 0, tzinfo=PARIS)
BOUNDARY = re.compile(rb'boundary="([^"]+)"')


def same_boundary(raw: bytes, boundary: bytes) -> bytes:
    """The message with its boundary replaced by `boundary` (the only random part)."""
    return raw.replace(BOUNDARY.search(raw).group(1), boundary)


def plain_django(message) -> EmailMultiAlternatives:
    """The same email as Django's own class, which encodes its subject every time."""
    plain = EmailMultiAlternatives(
        message.subject, message.body, message.from_email, message.to, headers=message.extra_headers
    )
    for content, mimetype in message.alternatives:
        plain.attach_alternative(content, mimetype)
    return plain


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_reminder_on_the_wire_is_byte_for_byte_what_django_writes(language):
    # A child with a long name full of accents: the subject is long and encoded, the body 8-bit.
    case = open_case(label="Léa « la petite » d'Artagnan-Müller de Saint-Étienne", relation=Relation.CHILD)
    owner = case.person.owner
    owner.language = language
    owner.save(update_fields=["language"])
    with time_machine.travel(LEAD_7, tick=False):
        rows = list(Reminder.objects.filter(case=case))
        assert len(rows) >= 3
        for row in rows:
            sender, recipients, ours = smtp.wire(reminder_email(row, now=timezone.now()))
            django = plain_django(reminder_email(row, now=timezone.now()))

            theirs = django.message().as_bytes(linesep="\r\n")
            assert same_boundary(ours, b"B") == same_boundary(theirs, b"B")
            assert sender == "=?utf-8?q?=C3=80_temps?= <no-reply@localhost>"
            assert recipients == [owner.email]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3))
def test_a_reminders_subject_is_the_one_django_writes(seed):
    """ASCII or not, short or long enough to be folded, seen before or new."""
    rng = random.Random(seed)
    words = ["J-12", "pour", "refuser", "Mon", "espace", "santé", "«", "»", "Léa", "d'Artagnan", "Müller", "x" * 30]
    subjects = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) for _ in range(150)]
    for subject in subjects + subjects[:40]:  # the same subjects again: encoded once, written the same
        ours = ReminderEmail(
            subject,
            "Bonjour",
            "a@example.org",
            ["b@example.org"],
            headers={"Date": "d", "Message-ID": "<m@example.org>"},
        )
        ours.attach_alternative("<p>Bonjour</p>", "text/html")
        mine, django = ours.message(), plain_django(ours).message()
        assert ours.subject == subject
        assert mine.as_bytes() == same_boundary(django.as_bytes(), BOUNDARY.search(mine.as_bytes()).group(1))


def test_a_subject_on_two_lines_is_refused_as_django_refuses_it():
    with pytest.raises(BadHeaderError):
        ReminderEmail("J-12\nBcc: x@example.org", "Bonjour", "a@example.org", ["b@example.org"]).message()


def test_a_boundary_is_never_in_the_text():
    class Part:
        def __init__(self, text):
            self.text = text

        def get_payload(self):
            return self.text

    class Mime:
        def get_payload(self):
            return [Part("a"), Part("b")]

    boundaries = {speed._boundary(Mime()) for _ in range(50)}
    assert len(boundaries) == 50  # random each time
    assert all(b.startswith("=_") and len(b) == 34 for b in boundaries)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.slow
def test_every_header_is_written_as_the_email_package_folds_it(seed):
    """Short and long, ASCII or not, with spaces and separators: the same text as compat32's."""
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + " \t;,:<>@=?_-./\"()[]'" + "éÀ«» "
    ours, theirs = speed._POLICY.clone(linesep="\r\n"), Compat32().clone(linesep="\r\n")
    shortcuts = 0
    for _ in range(5000):
        name = rng.choice(["Subject", "To", "From", "List-Unsubscribe", "Message-ID", "X-Mailer"])
        length = rng.choice([rng.randint(0, 60), rng.randint(60, 200)])
        value = "".join(rng.choice(alphabet[: -5 if rng.random() < 0.8 else None]) for _ in range(length))
        assert ours.fold(name, value) == theirs.fold(name, value), (name, value)
        shortcuts += len(name) + 2 + len(value) <= 78 and value.isascii()
    assert shortcuts > 1000  # the shortcut itself was compared, many times


def test_a_short_ascii_header_is_written_as_it_is():
    policy = speed._POLICY.clone(linesep="\r\n")
    assert (
        policy.fold("Message-ID", "<reminder.12.lead-7@a-temps.fr>")
        == "Message-ID: <reminder.12.lead-7@a-temps.fr>\r\n"
    )
    assert Header("a  b\tc", header_name="X").encode(maxlinelen=78) == "a  b\tc"
