"""CSV (one column per language, CORDIS names), iCalendar and GeoJSON exports, and
the documented filters of each resource."""

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories import (
    CityFactory,
    EventFactory,
    FocusAreaFactory,
    FundingProgrammeFactory,
    OpenCallFactory,
    ParticipationFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_projects_csv_has_a_column_per_language_and_cordis_names(anon):
    ProjectFactory(acronym="FINEST", title_fi="Kaksoset", title_sv="Tvillingar", title_en="Twins", total_budget=Decimal("6300000"),
                   start_date=date(2019, 12, 1), end_date=date(2026, 11, 30))
    rows = _csv(anon.get("/api/v1/projects/", {"format": "csv"}))
    row = rows[0]
    assert (row["acronym"], row["title_fi"], row["title_sv"], row["title_en"]) == ("FINEST", "Kaksoset", "Tvillingar", "Twins")
    assert row["startDate"] == "2019-12-01" and row["endDate"] == "2026-11-30"
    assert row["totalCost"] == "6300000.00"
    assert "objective_en" in row and "contentUpdateDate" in row


def test_participations_csv_uses_cordis_names(anon):
    partner = PartnerFactory(country="EE", name_en="TalTech")
    participation = ParticipationFactory(partner=partner, role="coordinator")
    row = _csv(anon.get("/api/v1/participations/", {"format": "csv"}))[0]
    assert row["projectID"] == str(participation.project_id)
    assert row["projectAcronym"] == participation.project.acronym
    assert row["organisationID"] == str(partner.pk)
    assert (row["role"], row["country"], row["name_en"]) == ("coordinator", "EE", "TalTech")


def test_every_list_exports_csv_without_paging(anon):
    CityFactory.create_batch(30)
    assert len(_csv(anon.get("/api/v1/cities/", {"format": "csv"}))) == 30
    for name in ("projects", "partners", "events", "pilots", "open-calls", "news", "focus-areas"):
        _csv(anon.get(f"/api/v1/{name}/", {"format": "csv"}))


def test_csv_cells_cannot_run_as_formulas(anon):
    ProjectFactory(title_en="=HYPERLINK(\"http://evil\")")
    assert _csv(anon.get("/api/v1/projects/", {"format": "csv"}))[0]["title_en"].startswith("'=")


def test_events_as_icalendar(anon):
    event = EventFactory(title_en="Smart city seminar", status="cancelled")
    response = anon.get("/api/v1/events/", {"format": "ics", "lang": "en"})
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Smart city seminar"
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent.decoded("DTSTART") == event.start.replace(microsecond=0)


def test_pilots_and_cities_as_geojson(anon):
    helsinki = CityFactory(latitude=Decimal("60.169857"), longitude=Decimal("24.938379"))
    tallinn = CityFactory(latitude=Decimal("59.436962"), longitude=Decimal("24.753574"), country="EE")
    PilotFactory(cities=[helsinki, tallinn])
    pilots = json.loads(anon.get("/api/v1/pilots/", {"format": "geojson"}).content)
    assert pilots["type"] == "FeatureCollection"
    geometry = pilots["features"][0]["geometry"]
    assert geometry["type"] == "MultiPoint" and len(geometry["coordinates"]) == 2
    cities = json.loads(anon.get("/api/v1/cities/", {"format": "geojson"}).content)
    assert {tuple(feature["geometry"]["coordinates"]) for feature in cities["features"]} == {
        (24.938379, 60.169857), (24.753574, 59.436962)
    }
    assert anon.get("/api/v1/events/", {"format": "geojson"}).status_code == 404


def _ids(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_project_filters(anon):
    focus, city = FocusAreaFactory(), CityFactory(country="EE")
    programme = FundingProgrammeFactory(slug="horizon-2020-teaming")
    coordinator = PartnerFactory()
    one = ProjectFactory(focus_areas=[focus], cities=[city], funding_programme=programme)
    ParticipationFactory(project=one, partner=coordinator, role="coordinator")
    two = ProjectFactory(start_date=timezone.localdate() + timedelta(days=30), end_date=None)
    ParticipationFactory(project=two, partner=coordinator, role="partner")
    assert _ids(anon, "/api/v1/projects/", focus_area=focus.pk) == {one.pk}
    assert _ids(anon, "/api/v1/projects/", city=city.pk) == {one.pk}
    assert _ids(anon, "/api/v1/projects/", country="EE") == {one.pk}
    assert _ids(anon, "/api/v1/projects/", partner=coordinator.pk) == {one.pk, two.pk}
    assert _ids(anon, "/api/v1/projects/", partner=coordinator.pk, role="coordinator") == {one.pk}
    assert _ids(anon, "/api/v1/projects/", funding_programme="horizon-2020-teaming") == {one.pk}
    assert _ids(anon, "/api/v1/projects/", status="planned") == {two.pk}
    assert _ids(anon, "/api/v1/projects/", status="ongoing") == {one.pk}


def test_event_filters(anon):
    organiser = PartnerFactory()
    now = timezone.now()
    past = EventFactory(start=now - timedelta(days=3), end=now - timedelta(days=2))
    future = EventFactory(organisers=[organiser], start=now + timedelta(days=3), end=now + timedelta(days=4))
    assert _ids(anon, "/api/v1/events/", when="upcoming") == {future.pk}
    assert _ids(anon, "/api/v1/events/", when="past") == {past.pk}
    assert _ids(anon, "/api/v1/events/", partner=organiser.pk) == {future.pk}
    assert _ids(anon, "/api/v1/events/", start_after=now.isoformat()) == {future.pk}
    assert _ids(anon, "/api/v1/events/", end_before=now.isoformat()) == {past.pk}
    assert [row["id"] for row in anon.get("/api/v1/events/", {"ordering": "start"}).json()["results"]] == [past.pk, future.pk]


def test_pilot_and_open_call_filters(anon):
    finland, estonia = CityFactory(country="FI"), CityFactory(country="EE")
    cross = PilotFactory(cities=[finland, estonia], phase="piloting")
    local = PilotFactory(cities=[finland], phase="completed")
    assert _ids(anon, "/api/v1/pilots/", phase="completed") == {local.pk}
    assert _ids(anon, "/api/v1/pilots/", cross_border="true") == {cross.pk}
    assert _ids(anon, "/api/v1/pilots/", partner=local.host_id) == {local.pk}
    now = timezone.now()
    closing = OpenCallFactory(deadline=now + timedelta(days=3))
    closed = OpenCallFactory(opens_at=now - timedelta(days=30), deadline=now - timedelta(days=1))
    assert _ids(anon, "/api/v1/open-calls/", state="closing_soon") == {closing.pk}
    assert _ids(anon, "/api/v1/open-calls/", state="closed") == {closed.pk}


def test_an_unknown_related_id_gives_an_empty_list_and_a_malformed_one_a_400(anon):
    ProjectFactory()
    PilotFactory()
    assert _ids(anon, "/api/v1/projects/", partner=987654) == set()
    assert _ids(anon, "/api/v1/projects/", city=2**70) == set()
    # partner= on pilots has its own method, which the unknown id must not reach.
    assert _ids(anon, "/api/v1/pilots/", partner=-5) == set()
    response = anon.get("/api/v1/projects/", {"partner": "abc"})
    assert response.status_code == 400
    assert "partner" in response.json()["errors"]
