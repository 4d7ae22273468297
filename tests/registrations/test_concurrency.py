"""No overbooking under concurrency: 50 people sign up and confirm at the same moment for
the last 10 places, each in its own thread with its own PostgreSQL connection. The row
lock on the registration serialises them, so exactly 10 are confirmed and 40 waitlisted.

Needs PostgreSQL (DATABASE_URL=postgres://…): on SQLite, whose writers never run side by
side, it would prove nothing, so it fails there instead of passing or skipping."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import close_old_connections, connection

from finest.core.permissions import Actor
from registrations import services
from registrations.models import RegistrantStatus

from .factories import RegistrantFactory, RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PEOPLE = 50
PLACES_LEFT = 10


def sign_up_and_confirm(registration_id: int, number: int, start: threading.Barrier, outcomes: list) -> None:
    try:
        start.wait()
        registrant = services.registrant_register(
            registration_id=registration_id, name=f"Racer {number}", email=f"racer{number}@example.org", language="en",
            actor=Actor.anonymous(),
        )
        outcomes.append(services.registrant_confirm_email(registrant=registrant, actor=Actor.anonymous()).status)
    except Exception as error:  # noqa: BLE001 - every failure is a lost registration; the test reports it
        outcomes.append(f"error: {error!r}")
    finally:
        connection.close()


def test_fifty_simultaneous_sign_ups_for_the_last_ten_places(settings):
    if connection.vendor != "postgresql":
        pytest.fail(
            "The concurrency test needs PostgreSQL: run it with "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/finest_registrations "
            "or run `make test`, which starts a throwaway PostgreSQL and Redis."
        )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    registration = RegistrationFactory(capacity=12, waitlist_enabled=True, waitlist_capacity=None)
    RegistrantFactory.create_batch(2, registration=registration)
    close_old_connections()

    start = threading.Barrier(PEOPLE)
    outcomes: list = []
    threads = [threading.Thread(target=sign_up_and_confirm, args=(registration.pk, n, start, outcomes)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not [outcome for outcome in outcomes if str(outcome).startswith("error")], outcomes
    assert Counter(outcomes) == {RegistrantStatus.CONFIRMED: PLACES_LEFT, RegistrantStatus.WAITLISTED: PEOPLE - PLACES_LEFT}
    stored = Counter(registration.registrants.values_list("status", flat=True))
    assert stored == {RegistrantStatus.CONFIRMED: 12, RegistrantStatus.WAITLISTED: PEOPLE - PLACES_LEFT}
    positions = sorted(registrant.waitlist_position() for registrant in registration.registrants.waitlist_order())
    assert positions == list(range(1, PEOPLE - PLACES_LEFT + 1))
