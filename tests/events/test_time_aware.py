"""Past events read as held and offer no calendar entry (issue 14)."""
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import EventStatus
from tests.factories import EventFactory
from tests.helpers import url_in

pytestmark = pytest.mark.django_db

HELD = {"fi": "Pidetty", "sv": "Hållet", "en": "Held"}


def _past_event(**kwargs):
    start = timezone.now() - timedelta(days=30)
    return EventFactory(start=start, end=start + timedelta(hours=3), **kwargs)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_past_event_is_held_without_calendar_button(client, language):
    html = client.get(url_in(_past_event(), language)).content.decode()
    assert f"<dd>{HELD[language]}</dd>" in html
    # schema.org's EventScheduled in the JSON-LD is the machine status, not page text
    assert "<dd>Ajastettu</dd>" not in html and "<dd>Scheduled</dd>" not in html
    assert 'class="add-to-calendar"' not in html


def test_upcoming_event_keeps_calendar_button(client):
    start = timezone.now() + timedelta(days=30)
    event = EventFactory(start=start, end=start + timedelta(hours=3))
    html = client.get(url_in(event, "en")).content.decode()
    assert 'class="add-to-calendar"' in html
    assert ">Held<" not in html


def test_cancelled_upcoming_event_has_no_calendar_button(client):
    start = timezone.now() + timedelta(days=30)
    event = EventFactory(start=start, end=start + timedelta(hours=3), status=EventStatus.CANCELLED)
    assert 'class="add-to-calendar"' not in client.get(url_in(event, "en")).content.decode()


STATUS = {
    "upcoming": {"fi": "Tulossa", "sv": "Kommande", "en": "Upcoming"},
    "under way": {"fi": "Käynnissä", "sv": "Pågår", "en": "Under way"},
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_status_of_a_scheduled_event_follows_the_clock_through_the_cached_page(client, language, time_machine):
    """"Upcoming" until the start, "under way" until the end, then "held": the cached page moves
    with the clock, as no write happens at those moments."""
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    event = EventFactory(start=now + timedelta(hours=1), end=now + timedelta(hours=3))
    path = url_in(event, language)
    assert f"<dd>{STATUS['upcoming'][language]}</dd>" in client.get(path).content.decode()
    assert client.get(path)["X-Page-Cache"] == "hit"
    time_machine.move_to(now + timedelta(hours=2), tick=False)
    assert f"<dd>{STATUS['under way'][language]}</dd>" in client.get(path).content.decode()
    time_machine.move_to(now + timedelta(hours=4), tick=False)
    assert f"<dd>{HELD[language]}</dd>" in client.get(path).content.decode()
