"""Fields derived from the clock re-send their objects: the minute task (finest/core/clock.py)
records the moment an open call closes, a project ends or an event becomes past, so a
partner resuming its sync gets the new state; a second run records nothing more."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from finest.core.clock import record_passed_moments
from tests.factories import EventFactory, OpenCallFactory, ProjectFactory
from tests.registrations.factories import RegistrantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _sync(client, url, params=None):
    seen, body = {}, client.get(url, params).json()
    while True:
        seen.update({item["id"]: item for item in body["results"]})
        if not body["next"]:
            return seen, body["resume"]
        body = client.get(body["next"]).json()


@pytest.fixture
def since():
    return (timezone.now() - timedelta(days=1)).isoformat()


def test_an_open_call_closing_is_re_sent_with_its_new_state(since):
    now = timezone.now()
    call = OpenCallFactory(opens_at=now - timedelta(days=30), deadline=now + timedelta(days=20))
    client = APIClient()
    seen, resume = _sync(client, "/api/v1/open-calls/", {"modified_since": since})
    assert seen[call.pk]["state"] == "open"

    with time_machine.travel(now + timedelta(days=10), tick=False):
        assert record_passed_moments() >= 1
        seen, resume = _sync(client, resume)
        assert seen[call.pk]["state"] == "closing_soon"
    with time_machine.travel(now + timedelta(days=21), tick=False):
        record_passed_moments()
        seen, resume = _sync(client, resume)
        assert seen[call.pk]["state"] == "closed"
        # Idempotent: the call's newest entry is after its last moment now.
        assert record_passed_moments() == 0
        assert _sync(client, resume)[0] == {}


def test_a_project_ending_is_re_sent_as_completed(since):
    today = timezone.localdate()
    project = ProjectFactory(start_date=today - timedelta(days=100), end_date=today + timedelta(days=2))
    client = APIClient()
    seen, resume = _sync(client, "/api/v1/projects/", {"modified_since": since})
    assert seen[project.pk]["status"] == "ongoing"
    with time_machine.travel(timezone.now() + timedelta(days=4), tick=False):
        record_passed_moments()
        seen, _resume = _sync(client, resume)
    assert seen[project.pk]["status"] == "completed"


def test_an_event_becoming_past_and_a_scheduled_publication_enter_the_stream(since):
    now = timezone.now()
    event = EventFactory(start=now + timedelta(hours=1), end=now + timedelta(hours=3))
    scheduled = ProjectFactory(published_at=now + timedelta(hours=2), start_date=date(2020, 1, 1), end_date=None)
    client = APIClient()
    events_seen, events_resume = _sync(client, "/api/v1/events/", {"modified_since": since})
    projects_seen, projects_resume = _sync(client, "/api/v1/projects/", {"modified_since": since})
    assert event.pk in events_seen and scheduled.pk not in projects_seen
    with time_machine.travel(now + timedelta(hours=4), tick=False):
        record_passed_moments()
        assert event.pk in _sync(client, events_resume)[0]
        assert scheduled.pk in _sync(client, projects_resume)[0]


def test_a_sign_up_re_sends_its_event_with_the_places_left(since):
    registration = RegistrationFactory(capacity=5)
    client = APIClient()
    seen, resume = _sync(client, "/api/v1/events/", {"modified_since": since})
    assert registration.event_id in seen
    RegistrantFactory(registration=registration)
    seen, _resume = _sync(client, resume)
    assert registration.event_id in seen
