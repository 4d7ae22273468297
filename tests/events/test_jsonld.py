import pytest
from django.utils import translation

from events.jsonld import event_jsonld
from events.models import AttendanceMode, EventStatus
from finest.core.i18n import url_in_language
from tests.factories import EventFactory, PartnerFactory, SessionFactory, SpeakerFactory


@pytest.mark.django_db
def test_event_status_attendance_and_locations():
    organiser = PartnerFactory(name_en="TalTech")
    event = EventFactory(title_en="Hybrid seminar", status=EventStatus.CANCELLED, attendance_mode=AttendanceMode.MIXED,
                         online_url="https://example.org/stream", street_address="Ehitajate tee 5", organisers=[organiser])
    with translation.override("en"):
        data = event_jsonld(event)
    assert data["@type"] == "Event" and data["name"] == "Hybrid seminar"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][0]["address"]["streetAddress"] == "Ehitajate tee 5"
    assert data["organizer"][0]["name"] == "TalTech"
    assert data["startDate"] == event.start.isoformat()


@pytest.mark.django_db
def test_the_programmes_speakers_are_performers_each_once_with_their_pages():
    event = EventFactory()
    speaker = SpeakerFactory(name="Maria Esimerkki")
    for _ in range(2):
        SessionFactory(event=event).speakers.add(speaker)
    with translation.override("sv"):
        data = event_jsonld(event)
    (performer,) = data["performer"]
    assert performer["@type"] == "Person" and performer["name"] == "Maria Esimerkki"
    assert performer["url"].endswith(url_in_language(speaker, "sv"))
