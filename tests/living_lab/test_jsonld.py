import pytest
from django.utils import translation

from living_lab.jsonld import pilot_jsonld
from tests.factories import PilotFactory


@pytest.mark.django_db
def test_pilot():
    pilot = PilotFactory(title_en="Parking pilot")
    with translation.override("en"):
        pilot_data = pilot_jsonld(pilot)
    assert pilot_data["@type"] == "Project" and pilot_data["name"] == "Parking pilot"
    assert pilot_data["parentOrganization"]["@type"] == "Organization"
    assert all(value not in ("", None, [], {}) for value in pilot_data.values())
