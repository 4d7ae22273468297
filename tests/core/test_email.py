"""EmailFrame: a message serialised once gives each recipient the message the ordinary path would give."""

from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from django.core import mail
from django.core.mail import get_connection

from finest.core.email import EmailFrame, FramedEmail, assemble_email

LINK = "nl-link-slot"
TEXT = f"Hei!\n\nLue lisää: {LINK}\n"
HTML = f'<p>Hei!</p><p><a href="{LINK}">Lue lisää</a></p>'


def _frame(**kwargs):
    defaults = {"subject": "Uutiskirje – joulukuu", "text_body": TEXT, "html_body": HTML, "slots": (LINK,),
                "headers": {"List-Unsubscribe": f"<{LINK}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}}
    return EmailFrame(**{**defaults, **kwargs})


def _parts(data: bytes) -> dict:
    parsed = message_from_bytes(data, policy=default_policy)
    headers = {name: str(value) for name, value in parsed.items() if name not in ("Date", "Content-Type")}
    bodies = [(part.get_content_type(), part["Content-Transfer-Encoding"], part.get_content())
              for part in parsed.walk() if not part.is_multipart()]
    return {"headers": headers, "bodies": bodies, "date": parsed["Date"]}


def test_framed_message_equals_the_ordinary_one():
    link = "https://example.org/fi/uutiskirje/peru/AbC123:xyz-_/"
    frame = _frame()
    framed = frame.for_recipient(to="reader@example.org", message_id="<n.1@example.org>", values={LINK: link})
    assert isinstance(framed, FramedEmail)
    ordinary = assemble_email(
        to="reader@example.org", subject="Uutiskirje – joulukuu", text_body=TEXT.replace(LINK, link),
        html_body=HTML.replace(LINK, link),
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Message-ID": "<n.1@example.org>"},
    )
    got, expected = _parts(framed.message().as_bytes(linesep="\r\n")), _parts(ordinary.message().as_bytes(linesep="\r\n"))
    assert got["headers"] == expected["headers"]
    assert got["bodies"] == expected["bodies"]
    assert got["date"]  # a fresh Date, not the frame's
    assert framed.message()["Message-ID"] == "<n.1@example.org>"
    # What the outbox and every backend read is the recipient's message too.
    assert framed.to == ["reader@example.org"] and link in framed.body and link in framed.alternatives[0][0]
    assert framed.extra_headers["List-Unsubscribe"] == f"<{link}>"


def test_each_recipient_gets_only_their_own_values():
    frame = _frame()
    first = frame.for_recipient(to="a@example.org", message_id="<n.1@example.org>", values={LINK: "https://x.test/a/"})
    second = frame.for_recipient(to="b@example.org", message_id="<n.2@example.org>", values={LINK: "https://x.test/b/"})
    first_bytes, second_bytes = first.message().as_bytes(), second.message().as_bytes()
    assert b"a@example.org" in first_bytes and b"b@example.org" not in first_bytes
    assert b"https://x.test/b/" in second_bytes and b"https://x.test/a/" not in second_bytes
    assert LINK.encode() not in first_bytes


@pytest.mark.parametrize("to, value", [
    ("Åsa <åsa@example.org>", "https://x.test/"),  # needs encoding: the ordinary path does it
    ("reader@example.org", "https://x.test/?a=1&b=2"),  # HTML-escaping would change it in one part only
    ("reader@example.org", "https://x.test/ä"),
    ("reader@example.org", "https://x.test/\r\nBcc: evil@example.org"),
    ("reader@example.org", "https://x.test/" + "a" * 500),
])
def test_values_it_cannot_put_in_byte_for_byte_take_the_ordinary_path(to, value):
    assert _frame().for_recipient(to=to, message_id="<n.1@example.org>", values={LINK: value}) is None


def test_a_line_that_would_grow_too_long_takes_the_ordinary_path():
    long_line = "x" * 900 + " " + LINK
    frame = _frame(text_body=long_line, html_body=HTML)
    assert frame.usable
    assert frame.for_recipient(to="r@example.org", message_id="<n@example.org>", values={LINK: "https://x.test/" + "a" * 100}) is None
    assert frame.for_recipient(to="r@example.org", message_id="<n@example.org>", values={LINK: "https://x.test/"}) is not None


def test_a_body_already_quoted_printable_is_never_framed():
    frame = _frame(text_body="y" * 1200 + "\n" + LINK)
    assert not frame.usable
    assert frame.for_recipient(to="r@example.org", message_id="<n@example.org>", values={LINK: "https://x.test/"}) is None


def test_framed_messages_go_through_the_backends(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = _frame().for_recipient(to="r@example.org", message_id="<n@example.org>", values={LINK: "https://x.test/"},
                                     connection=get_connection())
    assert message.send() == 1
    assert mail.outbox[-1].to == ["r@example.org"]
    assert "https://x.test/" in mail.outbox[-1].message().as_string()


def test_smtp_backend_sends_framed_and_ordinary_messages_over_one_session():
    from finest.core.email import SMTPBackend  # noqa: PLC0415
    from tests.newsletter.smtp_sink import SmtpSink  # noqa: PLC0415

    sink = SmtpSink()
    sink.start()
    try:
        backend = SMTPBackend(host="127.0.0.1", port=sink.port, timeout=5)
        framed = _frame().for_recipient(to="framed@example.org", message_id="<n.7@example.org>",
                                        values={LINK: "https://x.test/f/"}, connection=backend)
        ordinary = assemble_email(to="plain@example.org", subject="Hei", text_body="Hei", html_body="<p>Hei</p>",
                                  connection=backend)
        assert backend.send_messages([framed, ordinary]) == 2
        framed_reject = _frame().for_recipient(to="reject@example.org", message_id="<n.8@example.org>",
                                               values={LINK: "https://x.test/r/"}, connection=backend)
        with pytest.raises(Exception, match="550"):
            backend.send_messages([framed_reject])
    finally:
        backend.close()
        sink.stop()
    received = {message.recipient: message for message in sink.received()}
    assert received["framed@example.org"].message_id == "<n.7@example.org>"
    assert "https://x.test/f/" in received["framed@example.org"].body
    assert received["framed@example.org"].subject == "Uutiskirje – joulukuu"
    assert "plain@example.org" in received


@pytest.mark.parametrize("pipelining", [True, False])
def test_framed_messages_over_one_session_with_and_without_pipelining(pipelining):
    """With PIPELINING the backend sends MAIL, RCPT and DATA in one write; a refused recipient raises what
    sendmail raises and leaves the session usable, and a line starting with a dot arrives as written."""
    import smtplib  # noqa: PLC0415

    from finest.core.email import SMTPBackend  # noqa: PLC0415
    from tests.newsletter.smtp_sink import SmtpSink  # noqa: PLC0415

    sink = SmtpSink(pipelining=pipelining)
    sink.start()
    frame = _frame(text_body=f"Hei!\n.piste rivin alussa\n{LINK}\n")
    backend = SMTPBackend(host="127.0.0.1", port=sink.port, timeout=5)
    backend.open()  # one session for all three, as a newsletter batch has
    try:
        first = frame.for_recipient(to="first@example.org", message_id="<n.1@example.org>",
                                    values={LINK: "https://x.test/1/"}, connection=backend)
        assert backend.send_messages([first]) == 1
        assert backend.connection.has_extn("pipelining") is pipelining
        refused = frame.for_recipient(to="reject@example.org", message_id="<n.2@example.org>",
                                      values={LINK: "https://x.test/2/"}, connection=backend)
        with pytest.raises(smtplib.SMTPRecipientsRefused) as raised:
            backend.send_messages([refused])
        assert raised.value.recipients["reject@example.org"][0] == 550
        second = frame.for_recipient(to="second@example.org", message_id="<n.3@example.org>",
                                     values={LINK: "https://x.test/3/"}, connection=backend)
        assert backend.send_messages([second]) == 1
    finally:
        backend.close()
        sink.stop()
    received = {message.recipient: message for message in sink.received()}
    assert set(received) == {"first@example.org", "second@example.org"}
    assert received["second@example.org"].message_id == "<n.3@example.org>"
    assert "\r\n.piste rivin alussa\r\n" in received["second@example.org"].body
    assert "https://x.test/3/" in received["second@example.org"].body
