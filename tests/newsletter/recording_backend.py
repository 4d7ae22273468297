"""An email backend for the integration tests: it records each message in a table
through Django's own database connection. The insert is part of the transaction that
marks the delivery sent, so the table shows exactly what a worker committed, also when
the worker is killed in the middle of a batch."""

import os
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection

TABLE = "newsletter_test_outbox"


def create_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(f"CREATE TABLE {TABLE} (id serial PRIMARY KEY, recipient text, subject text, body text)")


def drop_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def recorded() -> list[tuple[str, str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT recipient, subject, body FROM {TABLE} ORDER BY id")  # noqa: S608 - constant table name
        return list(cursor.fetchall())


class RecordingBackend(BaseEmailBackend):
    # Tells the sender to put each send and its "sent" mark in one transaction.
    transactional = True

    def send_messages(self, email_messages):
        # Slows sending down so that a test can kill a worker in the middle of a batch.
        delay = float(os.environ.get("NEWSLETTER_TEST_SEND_DELAY", "0"))
        with connection.cursor() as cursor:
            for message in email_messages:
                if delay:
                    time.sleep(delay)
                cursor.execute(
                    f"INSERT INTO {TABLE} (recipient, subject, body) VALUES (%s, %s, %s)",  # noqa: S608 - constant table name
                    [message.to[0], message.subject, message.body],
                )
        return len(email_messages)
