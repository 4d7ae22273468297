"""Every state change of a registrant, and the refusals, through the services."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import EventStatus
from finest.core.permissions import Actor, policy_for
from registrations import services
from registrations.models import Hold, Registrant, RegistrantStatus, RegistrationState

from .conftest import ANYONE
from .factories import RegistrantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def register(registration, name="Ada", email="ada@example.org", **extra):
    return services.registrant_register(
        registration_id=registration.pk, name=name, email=email, language=extra.pop("language", "en"), actor=ANYONE, **extra
    )


def refusal_code(callable_, *args, **kwargs):
    with pytest.raises(ValidationError) as caught:
        callable_(*args, **kwargs)
    return caught.value.code


def test_sign_up_holds_a_place_until_the_email_is_confirmed(registration):
    registrant = register(registration)
    assert registrant.status == RegistrantStatus.PENDING
    assert registrant.hold == Hold.PLACE
    assert registrant.hold_until > timezone.now()

    confirmed = services.registrant_confirm_email(registrant=registrant, actor=ANYONE)
    assert confirmed.status == RegistrantStatus.CONFIRMED
    assert confirmed.email_confirmed_at is not None
    assert confirmed.hold == Hold.NONE
    # Confirming again changes nothing.
    assert services.registrant_confirm_email(registrant=confirmed, actor=ANYONE).status == RegistrantStatus.CONFIRMED


def test_over_capacity_joins_the_waitlist_and_learns_its_position(registration):
    RegistrantFactory.create_batch(2, registration=registration)
    first = services.registrant_confirm_email(registrant=register(registration, "A", "a@example.org"), actor=ANYONE)
    second = services.registrant_confirm_email(registrant=register(registration, "B", "b@example.org"), actor=ANYONE)
    assert (first.status, second.status) == (RegistrantStatus.WAITLISTED, RegistrantStatus.WAITLISTED)
    assert (first.waitlist_position(), second.waitlist_position()) == (1, 2)
    assert registration.state() == RegistrationState.FULL


def test_no_room_at_all_is_refused(registration):
    RegistrantFactory.create_batch(2, registration=registration)
    RegistrantFactory.create_batch(2, registration=registration, status=RegistrantStatus.WAITLISTED)
    assert refusal_code(register, registration) == "full"


def test_without_waitlist_a_full_event_refuses(db):
    registration = RegistrationFactory(capacity=1, waitlist_enabled=False)
    RegistrantFactory(registration=registration)
    assert registration.state() == RegistrationState.FULL
    assert refusal_code(register, registration) == "full"


def test_unlimited_capacity_always_confirms(db):
    registration = RegistrationFactory(capacity=None)
    RegistrantFactory.create_batch(5, registration=registration)
    registrant = services.registrant_confirm_email(registrant=register(registration), actor=ANYONE)
    assert registrant.status == RegistrantStatus.CONFIRMED


def test_a_lapsed_hold_is_placed_by_what_is_free_at_confirmation(registration):
    registrant = register(registration)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        RegistrantFactory.create_batch(2, registration=registration)
        assert services.registrant_confirm_email(registrant=registrant, actor=ANYONE).status == RegistrantStatus.WAITLISTED


def test_an_active_hold_keeps_the_place_from_newcomers(registration):
    register(registration, "A", "a@example.org")
    register(registration, "B", "b@example.org")
    assert registration.state() == RegistrationState.WAITLIST
    third = register(registration, "C", "c@example.org")
    assert third.hold == Hold.WAITLIST


def test_closed_not_yet_open_and_cancelled_event_refuse(db):
    closed = RegistrationFactory(closes_at=timezone.now() - timedelta(hours=1))
    later = RegistrationFactory(opens_at=timezone.now() + timedelta(days=1))
    cancelled = RegistrationFactory(event__status=EventStatus.CANCELLED)
    assert refusal_code(register, closed) == "closed"
    assert refusal_code(register, later) == "not_open"
    assert refusal_code(register, cancelled) == "event_cancelled"
    assert {closed.state(), later.state(), cancelled.state()} == {RegistrationState.CLOSED}
    assert later.opens_later()


def test_duplicates_and_the_per_email_limit(db):
    registration = RegistrationFactory(max_per_email=2)
    register(registration, "Ada", "ada@example.org")
    assert refusal_code(register, registration, "ADA", "Ada@Example.org") == "duplicate"
    register(registration, "Ada's colleague", "ada@example.org")
    assert refusal_code(register, registration, "Third", "ada@example.org") == "per_email"


def test_cancelling_promotes_the_first_waitlisted_and_tells_them(registration, on_commit, mailoutbox):
    confirmed = RegistrantFactory(registration=registration)
    RegistrantFactory(registration=registration)
    first = RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED)
    second = RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED)
    with on_commit():
        services.registrant_cancel(registrant=confirmed, actor=ANYONE)
    confirmed.refresh_from_db(), first.refresh_from_db(), second.refresh_from_db()
    assert confirmed.status == RegistrantStatus.CANCELLED
    assert first.status == RegistrantStatus.CONFIRMED
    assert second.status == RegistrantStatus.WAITLISTED and second.waitlist_position() == 1
    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients == sorted([confirmed.email, first.email])
    promoted = next(message for message in mailoutbox if message.to == [first.email])
    assert "You have a place" in promoted.subject


def test_more_places_promote_from_the_waitlist(registration, staff_actor, on_commit):
    RegistrantFactory.create_batch(2, registration=registration)
    waiting = RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED)
    registration.capacity = 3
    with on_commit():
        services.registration_save(registration=registration, actor=staff_actor)
    waiting.refresh_from_db()
    assert waiting.status == RegistrantStatus.CONFIRMED


def test_staff_confirm_and_check_in(registration, staff_actor):
    waiting = RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED)
    assert refusal_code(services.registrant_check_in, registrant=waiting, arrived=True, actor=staff_actor) == "not_confirmed"
    assert refusal_code(services.registrant_staff_confirm, registrant=waiting, actor=ANYONE) == "forbidden"
    confirmed = services.registrant_staff_confirm(registrant=waiting, actor=staff_actor)
    assert confirmed.status == RegistrantStatus.CONFIRMED
    assert services.registrant_check_in(registrant=confirmed, arrived=True, actor=staff_actor).checked_in_at
    assert services.registrant_check_in(registrant=confirmed, arrived=False, actor=staff_actor).checked_in_at is None


def test_self_erasure_cancels_promotes_and_keeps_the_counts(registration, on_commit):
    registrant = RegistrantFactory(registration=registration, organisation="ACME", answers={"1": "x"})
    RegistrantFactory(registration=registration)
    waiting = RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED)
    old_key = registrant.key
    with on_commit():
        erased = services.registrant_erase(registrant=registrant, actor=ANYONE)
    assert (erased.name, erased.email, erased.organisation, erased.answers) == ("", "", "", {})
    assert erased.erased_at and erased.key != old_key
    assert erased.status == RegistrantStatus.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == RegistrantStatus.CONFIRMED
    counts = registration.counts()
    assert (counts.confirmed, counts.cancelled) == (2, 1)
    assert not LogEntry.objects.exists()


def test_staff_erasure_is_logged(registration, staff_actor):
    registrant = RegistrantFactory(registration=registration)
    services.registrant_erase(registrant=registrant, actor=staff_actor, reason="Asked by email")
    entry = LogEntry.objects.get()
    assert entry.object_id == str(registrant.pk) and "Asked by email" in entry.change_message
    assert entry.user_id == staff_actor.user.pk


def test_retention_anonymises_after_the_period_and_keeps_counts(settings):
    settings.REGISTRATIONS_RETENTION_DAYS = 90
    registration = RegistrationFactory(event__start=timezone.now() - timedelta(days=100), event__end=timezone.now() - timedelta(days=95))
    recent = RegistrationFactory(event__start=timezone.now() - timedelta(days=10), event__end=timezone.now() - timedelta(days=9))
    RegistrantFactory.create_batch(2, registration=registration)
    RegistrantFactory(registration=registration, status=RegistrantStatus.CANCELLED)
    kept = RegistrantFactory(registration=recent)
    assert services.registrations_enforce_retention(actor=ANYONE) == 3
    assert not registration.registrants.filter(erased_at__isnull=True).exists()
    assert registration.registrants.filter(email="").count() == 3
    counts = registration.counts()
    assert (counts.confirmed, counts.cancelled) == (2, 1)
    kept.refresh_from_db()
    assert kept.email and kept.erased_at is None
    # Run again: nothing more to do.
    assert services.registrations_enforce_retention(actor=ANYONE) == 0


def test_unconfirmed_sign_ups_are_deleted_after_the_link_expires(registration, settings):
    registrant = register(registration)
    with time_machine.travel(timezone.now() + timedelta(hours=settings.REGISTRATIONS_CONFIRM_MAX_AGE_HOURS + 1)):
        services.registrations_enforce_retention(actor=ANYONE)
    assert not registration.registrants.filter(pk=registrant.pk).exists()


def test_the_registry_keeps_registrants_to_staff():
    registrant = RegistrantFactory()
    anonymous, staff = Actor.anonymous(), Actor.system()
    assert not policy_for(Registrant).visible(anonymous, Registrant.objects.all()).exists()
    assert list(policy_for(Registrant).visible(staff, Registrant.objects.all())) == [registrant]
    assert not policy_for(Registrant).can(anonymous, "view", registrant)
