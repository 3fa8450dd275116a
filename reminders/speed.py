"""Every speed trick of the mail side, and only here (tests/project/test_layers.py holds it).

What each buys is measured on the dispatcher's emails per second, with and without it
(`python -m bench.tricks`, bench/RESULTS.md "Speed tricks: with and without"); a trick stays only
while removing it costs at least 5 %. The rate without each, over the rate with every trick
(median of 7 rounds on a quiet machine, 2026-12-04):

- `render_by_shape` (0.44 without: more than twice the rate): a reminder is rendered once per shape
  (reminders/shape.py) and per process, its personal parts left as private-use placeholders
  (U+E000 name U+E001, characters no text of ours holds: optout/validators.py refuses them in
  names) and filled in for each email.
- `ReminderEmail`, `encoded_sender` (0.92 without): the Subject header encoded once per distinct
  subject, the From header once (both RFC 2047 words: « À temps », « J-12 … »).
- `wire`: an email serialized with compat32, but a short ASCII one-line header written as it is
  (`_Compat32._fold`, 0.93 without) and a MIME boundary picked without the email package's
  regular expression (`_boundary`, 0.92 without).

Removed because it no longer paid: `sys.setswitchinterval(0.001)` while a pipeline sent (1.02
without it: nothing bought, and a process-wide setting changed).

tests/emails/test_wire.py holds each trick's output equal to what the plain way writes.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from email.generator import BytesGenerator
from email.policy import Compat32
from functools import lru_cache
from io import BytesIO

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import forbid_multi_line_headers, sanitize_address
from django.utils.html import escape

# 1. One rendering per shape ----------------------------------------------------------------

WHITESPACE = re.compile(r"\s+")


def _mark(name: str) -> str:
    return f"\ue000{name}\ue001"  # private-use characters: never in our text, never escaped


@lru_cache(maxsize=512)
def _render_shape(shape, render: Callable, personal: tuple[str, ...]) -> tuple[str, str, str]:
    marks = {name: _mark(name) for name in personal}
    if not shape.has_step:
        marks["done_url"] = ""  # no « C'est fait » button at all
    return render(shape, marks)


def render_by_shape(shape, values: dict, render: Callable, personal: tuple[str, ...]) -> tuple[str, str, str]:
    """`render(shape, values)`, from the shape's cached rendering with `values` filled in (escaped in HTML)."""
    subject, text, html = _render_shape(shape, render, personal)
    for name in personal:
        value = str(values[name])
        subject = subject.replace(_mark(name), WHITESPACE.sub(" ", value))
        text = text.replace(_mark(name), value)
        html = html.replace(_mark(name), escape(value))
    return subject, text, html


# 2. Headers encoded once ---------------------------------------------------------------------


@lru_cache(maxsize=4)
def encoded_sender(sender: str) -> str:
    """The From header, encoded once: « À temps » needs RFC 2047 encoding, and
    encoding it again for every email of a wave is a measurable part of sending."""
    return sanitize_address(sender, "utf-8")


@lru_cache(maxsize=1024)
def _subject_header(subject: str, encoding: str) -> str:
    """The Subject header's value exactly as Django writes it (RFC 2047 words when not ASCII)."""
    return forbid_multi_line_headers("Subject", subject, encoding)[1]


class ReminderEmail(EmailMultiAlternatives):
    """Django's email, whose Subject header is encoded once per distinct subject.

    A wave of reminders repeats a few subjects (« J-12 pour refuser Mon espace santé »),
    and encoding a subject that is not ASCII is about an eighth of writing the email
    out. The header is the one Django would write (tests/emails/test_wire.py compares).
    """

    def message(self):
        subject, self.subject = self.subject, "-"  # ASCII: Django's encoding of it is cheap
        try:
            msg = super().message()
        finally:
            self.subject = subject
        msg.replace_header("Subject", _subject_header(subject, self.encoding or settings.DEFAULT_CHARSET))
        return msg


# 3. Serializing ------------------------------------------------------------------------------


class _Compat32(Compat32):
    """The policy of Django's messages (compat32), with one shortcut when writing headers.

    compat32 folds every header through `email.header.Header`, a measurable part of
    sending a wave of emails. A header that is ASCII, on one line and short enough
    comes out of that folding unchanged (tests/emails/test_wire.py compares both on
    many values): it is written as it is.
    """

    def _fold(self, name, value, sanitize):
        if (
            isinstance(value, str)
            and self.max_line_length
            and len(name) + 2 + len(value) <= self.max_line_length
            and value.isascii()
            and "\r" not in value
            and "\n" not in value
        ):
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, sanitize)


_POLICY = _Compat32()


def _boundary(mime) -> str:
    """A random MIME boundary that none of the parts contains.

    The email package would pick one itself, but checks it against the text with
    a regular expression compiled anew for each message: the same guarantee, cheaper.
    """
    texts = [str(part.get_payload()) for part in mime.get_payload()]
    while True:
        boundary = f"=_{secrets.token_hex(16)}"
        if not any(boundary in text for text in texts):
            return boundary


@lru_cache(maxsize=8)
def _sender(address: str, encoding: str) -> str:
    return sanitize_address(address, encoding)


def wire(message) -> tuple[str, list[str], bytes]:
    """What Django's SMTP backend would hand to smtplib: sender, recipients, bytes.

    The same bytes as `message.message().as_bytes()`, but for the boundary's random
    token, written with the shortcuts above.
    """
    encoding = message.encoding or settings.DEFAULT_CHARSET
    sender = _sender(message.from_email, encoding)
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    mime = message.message()
    if type(mime.policy) is not Compat32:  # not what the shortcut was checked against
        return sender, recipients, mime.as_bytes(linesep="\r\n")
    if mime.is_multipart() and mime.get_boundary() is None:
        mime.set_boundary(_boundary(mime))
    out = BytesIO()
    BytesGenerator(out, mangle_from_=False, policy=_POLICY).flatten(mime, linesep="\r\n")
    return sender, recipients, out.getvalue()
