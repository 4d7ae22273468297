"""A real SMTP server on loopback (aiosmtpd) that records every message it accepts, for the
integration and chaos tests and the benchmark. It can be stopped and started again on the same
port, so that clients see refused connections in between, and it refuses recipients whose
address starts with ``reject`` with 550. It offers PIPELINING (RFC 2920), as production mail servers
do, unless told not to; aiosmtpd reads pipelined commands in order either way."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Received:
    recipient: str
    subject: str
    body: str
    message_id: str
    at: float  # time.monotonic() when the server had the whole message, just before its 250


class _Handler:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.sink.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.sink.keep_messages:
            message = message_from_bytes(envelope.content, policy=policy.default)
            body = message.get_body(preferencelist=("plain",))
            text = body.get_content() if body is not None else ""
            at = time.monotonic()
            with self.sink.lock:
                for recipient in envelope.rcpt_tos:
                    self.sink.messages.append(Received(recipient, str(message["Subject"]), text, str(message["Message-ID"]), at))
        else:
            with self.sink.lock:
                self.sink.count += len(envelope.rcpt_tos)
        return "250 Message accepted"


class SmtpSink:
    def __init__(self, port: int | None = None, *, keep_messages: bool = True, pipelining: bool = True):
        self.port = port or free_port()
        self.keep_messages = keep_messages
        self.pipelining = pipelining
        self.messages: list[Received] = []
        self.count = 0
        self.lock = threading.Lock()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10)
        self.controller.start()

    def stop(self) -> None:
        """Close the port and every open session: clients get refused connections until start()."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def received(self) -> list[Received]:
        with self.lock:
            return list(self.messages)

    def total(self) -> int:
        with self.lock:
            return len(self.messages) if self.keep_messages else self.count


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
