import pytest
from django.utils import translation

from events.jsonld import event_jsonld
from events.models import AttendanceMode, EventStatus
from tests.factories import EventFactory, PartnerFactory


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
