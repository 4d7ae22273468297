"""Event validation: ordered, timezone-aware times, an online link where needed,
and a programme whose sessions end after they start."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import AttendanceMode, Event, EventStatus
from tests.factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_a_valid_event_passes_full_clean():
    EventFactory().full_clean()


def test_end_before_start_is_refused_by_full_clean_and_the_database():
    event = EventFactory()
    event.end = event.start - timedelta(minutes=1)
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "end" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


@pytest.mark.parametrize("mode", [AttendanceMode.ONLINE, AttendanceMode.MIXED])
def test_online_and_mixed_events_need_a_link(mode):
    event = EventFactory(attendance_mode=mode, online_url="https://meet.example.org/x")
    event.full_clean()
    event.online_url = ""
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "online_url" in excinfo.value.message_dict


def test_an_event_cannot_be_its_own_parent():
    event = EventFactory()
    event.parent = event
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "parent" in excinfo.value.message_dict


def test_sub_events_belong_to_a_parent():
    conference = EventFactory()
    workshop = EventFactory(parent=conference)
    assert list(conference.children.all()) == [workshop]


def test_session_end_before_start_is_refused():
    session = SessionFactory()
    session.end = session.start - timedelta(minutes=5)
    with pytest.raises(ValidationError) as excinfo:
        session.full_clean()
    assert "end" in excinfo.value.message_dict


def test_times_are_timezone_aware_and_status_choices_hold():
    event = EventFactory(status=EventStatus.CANCELLED)
    event.refresh_from_db()
    assert event.start.tzinfo is not None
    assert event.is_cancelled
    event.status = "moved"
    with pytest.raises(ValidationError):
        event.full_clean()


def test_upcoming_and_past():
    upcoming = EventFactory()
    past = EventFactory(start=upcoming.start - timedelta(days=400), end=upcoming.start - timedelta(days=399))
    assert list(Event.objects.upcoming()) == [upcoming]
    assert list(Event.objects.past()) == [past]
