"""The one path that renders a multipart email in a language and sends it.
Newsletter issues, confirmations and registrations all use it; the backend is
``settings.EMAIL_BACKEND``."""

from __future__ import annotations

import re
import smtplib
import uuid
from email import message_from_bytes
from email.utils import formatdate
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape


def render_email(*, template: str, context: dict, language: str) -> tuple[str, str, str]:
    """(subject, text, html) of ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in ``language``."""
    with translation.override(language):
        context = {**context, "LANGUAGE_CODE": language, "SITE_URL": settings.SITE_URL}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text_body = render_to_string(f"{template}.txt", context)
        html_body = render_to_string(f"{template}.html", context)
    return subject, text_body, html_body


def assemble_email(
    *,
    to: str,
    subject: str,
    text_body: str,
    html_body: str,
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """The multipart message from parts that ``render_email`` rendered."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
        connection=connection,
    )
    message.attach_alternative(html_body, "text/html")
    return message


def build_email(
    *,
    to: str,
    template: str,
    context: dict,
    language: str,
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in ``language``."""
    subject, text_body, html_body = render_email(template=template, context=context, language=language)
    return assemble_email(
        to=to, subject=subject, text_body=text_body, html_body=html_body,
        headers=headers, from_email=from_email, connection=connection,
    )


def send_email(**kwargs) -> int:
    message = build_email(**kwargs)
    if message.connection is None:
        message.connection = get_connection()
    return message.send(fail_silently=False)


# -- one message serialised once, for many recipients ------------------------------------------------

# An address that can go into the To header and the envelope exactly as it is written: no quoting,
# no encoding, no folding. Anything else takes the ordinary path.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,190}")
# A value put into the serialised message may be at most this long, and no line that holds a slot may
# grow past the 998 characters SMTP allows: so the body keeps the encoding the ordinary path gives it.
MAX_SLOT_VALUE = 400
SMTP_LINE_LIMIT = 998


class SerialisedMessage:
    """What ``EmailMessage.message()`` returns, for a message that is already bytes. Backends call
    ``as_bytes``; anything else (a test reading a header) gets the parsed message."""

    def __init__(self, data: bytes):
        self._data = data
        self._parsed_message = None

    def as_bytes(self, unixfrom=False, linesep="\n") -> bytes:
        return self._data if linesep == "\r\n" else self._data.replace(b"\r\n", linesep.encode())

    def as_string(self, unixfrom=False, linesep="\n") -> str:
        return self.as_bytes(linesep=linesep).decode("utf-8", errors="surrogateescape")

    def _parsed(self):
        if self._parsed_message is None:
            self._parsed_message = message_from_bytes(self._data)
        return self._parsed_message

    def __getitem__(self, name):
        return self._parsed()[name]

    def __contains__(self, name) -> bool:
        return name in self._parsed()

    def __getattr__(self, name):
        return getattr(self._parsed(), name)


class FramedEmail(EmailMultiAlternatives):
    """An ordinary multipart message (``to``, ``body``, ``alternatives`` and headers are all set, so
    the locmem outbox and every backend see what they always see) whose MIME bytes come from a frame."""

    serialised: bytes = b""
    # The envelope sender as SMTP wants it, worked out once per frame.
    envelope_from: str = ""

    def message(self):
        return SerialisedMessage(self.serialised)


class EmailFrame:
    """A multipart message rendered and serialised once, with slots where each recipient's values go.

    Serialising a message with Python's ``email`` package (headers, folding, MIME parts) costs more than
    everything else about sending a newsletter. Here it runs once per frame; each recipient's message is
    the frame's bytes with the slots replaced: the recipient, the Date, the Message-ID and the values
    named in ``slots`` (links, in the bodies and in headers). That is only done where it gives the bytes
    the ordinary path would give; ``for_recipient`` returns None otherwise and the caller builds the
    message as usual."""

    def __init__(self, *, subject: str, text_body: str, html_body: str, slots: tuple[str, ...],
                 headers: dict[str, str] | None = None, from_email: str | None = None):
        marker = uuid.uuid4().hex
        self.to_slot = f"nl-to-{marker}@frame.invalid"
        self.date_slot = f"nl-date-{marker}"
        self.message_id_slot = f"nl-mid-{marker}"
        self.subject, self.text_body, self.html_body = subject, text_body, html_body
        self.slots = slots
        self.headers = dict(headers or {})
        self.from_email = from_email or settings.DEFAULT_FROM_EMAIL
        message = assemble_email(
            to=self.to_slot, subject=subject, text_body=text_body, html_body=html_body, from_email=self.from_email,
            headers={**self.headers, "Date": self.date_slot, "Message-ID": self.message_id_slot},
        )
        self.template = message.message().as_bytes(linesep="\r\n")
        self.envelope_from = sanitize_address(self.from_email, settings.DEFAULT_CHARSET)
        self.slot_lines: list[tuple[int, tuple[int, ...]]] = []
        self.usable = self._check()

    def _check(self) -> bool:
        """Every slot must appear in the bytes as it was written (not encoded or folded), and the parts
        must be 8bit or 7bit text, so that replacing a slot replaces exactly the text it stands for."""
        data = self.template
        if b"Content-Transfer-Encoding: quoted-printable" in data or b"Content-Transfer-Encoding: base64" in data:
            return False
        header_text = "".join(self.headers.values())
        for slot in self.slots:
            expected = self.text_body.count(slot) + self.html_body.count(slot) + header_text.count(slot)
            if data.count(slot.encode()) != expected:
                return False
        for slot in (self.to_slot, self.date_slot, self.message_id_slot):
            if data.count(slot.encode()) != 1:
                return False
        # The lines that hold slots, with how many of each: a recipient's values must not push one of
        # them past SMTP's line limit (the ordinary path would then switch the part to quoted-printable).
        slot_bytes = [slot.encode() for slot in self.slots]
        self.slot_lines = [
            (len(line), tuple(line.count(slot) for slot in slot_bytes))
            for line in data.split(b"\r\n")
            if any(slot in line for slot in slot_bytes)
        ]
        return True

    def for_recipient(self, *, to: str, message_id: str, values: dict[str, str], connection=None) -> FramedEmail | None:
        """The message to one recipient, or None when this frame can't make it byte for byte."""
        if not self.usable or not _PLAIN_ADDRESS.fullmatch(to) or not _PLAIN_ADDRESS.fullmatch(message_id.strip("<>")):
            return None
        for value in values.values():
            # HTML-escaping must leave the value as it is, since one slot stands in both parts.
            if len(value) > MAX_SLOT_VALUE or not value.isascii() or escape(value) != value or "\n" in value or "\r" in value:
                return None
        growth = [len(values.get(slot, slot)) - len(slot) for slot in self.slots]
        for length, counts in self.slot_lines:
            if length + sum(count * extra for count, extra in zip(counts, growth, strict=True)) > SMTP_LINE_LIMIT:
                return None
        text_body, html_body = self.text_body, self.html_body
        headers = dict(self.headers)
        data = self.template
        for slot, value in values.items():
            text_body = text_body.replace(slot, value)
            html_body = html_body.replace(slot, value)
            headers = {name: header.replace(slot, value) for name, header in headers.items()}
            data = data.replace(slot.encode(), value.encode())
        data = (
            data.replace(self.to_slot.encode(), to.encode())
            .replace(self.date_slot.encode(), formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode())
            .replace(self.message_id_slot.encode(), message_id.encode())
        )
        message = FramedEmail(
            subject=self.subject, body=text_body, from_email=self.from_email, to=[to],
            headers={**headers, "Message-ID": message_id}, connection=connection,
        )
        message.attach_alternative(html_body, "text/html")
        message.serialised = data
        message.envelope_from = self.envelope_from
        return message


class SMTPBackend(smtp.EmailBackend):
    """Django's SMTP backend, except that a framed message goes out as the bytes it already is, to the
    envelope addresses its frame already checked: parsing two addresses per message again would cost a
    sixth of a newsletter worker's time. To a server that offers PIPELINING (RFC 2920) a framed message
    takes two round trips instead of four. Every other message takes Django's own path."""

    def _send(self, email_message):
        if not isinstance(email_message, FramedEmail) or not email_message.envelope_from:
            return super()._send(email_message)
        try:
            if not self._send_pipelined(email_message):
                self.connection.sendmail(email_message.envelope_from, email_message.to, email_message.serialised)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True

    def _send_pipelined(self, email_message: FramedEmail) -> bool:
        """MAIL, RCPT and DATA in one write, their three replies, then the content and its reply. Raises
        what ``smtplib.SMTP.sendmail`` raises for the same replies, and leaves the session as it would (reset
        after a refusal, closed after a 421). False, having sent nothing, when the server does not pipeline."""
        server = self.connection
        server.ehlo_or_helo_if_needed()
        sender = _envelope_sender(email_message.envelope_from)
        if not (server.does_esmtp and server.has_extn("pipelining")) or not sender.isascii():
            return False
        (recipient,) = email_message.to  # one address the frame checked: plain ASCII, nothing to quote
        data = _DOT_AT_LINE_START.sub(b"..", email_message.serialised)
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        size = f" SIZE={len(data)}" if server.has_extn("size") else ""
        server.send(f"MAIL FROM:{sender}{size}\r\nRCPT TO:<{recipient}>\r\nDATA\r\n")
        mail_reply, rcpt_reply, data_reply = (_reply(server) for _command in range(3))
        refused = None
        if mail_reply[0] != 250:
            refused = smtplib.SMTPSenderRefused(*mail_reply, email_message.envelope_from)
        elif rcpt_reply[0] not in (250, 251):
            refused = smtplib.SMTPRecipientsRefused({recipient: rcpt_reply})
        elif data_reply[0] != 354:
            refused = smtplib.SMTPDataError(*data_reply)
        if refused is not None:
            if data_reply[0] == 354:
                # The server took DATA although it refused the sender or recipient: end an empty message.
                server.send(b".\r\n")
                _reply(server)
            server._rset()  # noqa: SLF001 - what sendmail does after a refusal
            raise refused
        server.send(data + b".\r\n")
        code, reply = _reply(server)
        if code != 250:
            server._rset()  # noqa: SLF001
            raise smtplib.SMTPDataError(code, reply)
        return True


_DOT_AT_LINE_START = re.compile(rb"(?m)^\.")


@lru_cache(maxsize=16)
def _envelope_sender(envelope_from: str) -> str:
    """``<address>`` for MAIL FROM. Parsed once per sender, not once per message."""
    return smtplib.quoteaddr(envelope_from)


def _reply(server: smtplib.SMTP) -> tuple[int, bytes]:
    """The next reply; a 421 (the server is closing the session) closes our end too, as sendmail does."""
    code, reply = server.getreply()
    if code == 421:
        server.close()
        raise smtplib.SMTPResponseException(code, reply)
    return code, reply
