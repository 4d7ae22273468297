"""The schema describes what the API really takes: what it allows is accepted, and what it
does not allow is a 400 with a message for the field. These are the cases schemathesis found."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event
from tests.factories import CityFactory, EventFactory, KPIValueFactory, PilotFactory, ProjectFactory

pytestmark = pytest.mark.django_db

READ_PATHS = ("/api/v1/events/", "/api/v1/events/{id}/", "/api/v1/cities/", "/api/v1/registrations/")
WRITE_OPERATIONS = (("/api/v1/events/", "post"), ("/api/v1/events/{id}/", "patch"), ("/api/v1/pilots/{id}/kpi-values/", "post"))


@pytest.fixture
def schema(anon):
    return anon.get("/api/v1/schema/", {"format": "json"}).json()


def _parameter(schema, path, name):
    return next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name)


def _errors(response, status=400):
    assert response.status_code == status, response.content
    return response.json()["errors"]


def test_reads_need_no_key_and_writes_need_one(schema):
    for path in READ_PATHS:
        assert {} in schema["paths"][path]["get"]["security"], path
    for path, method in WRITE_OPERATIONS:
        assert schema["paths"][path][method]["security"] == [{"PartnerAPIKey": []}], path


def test_empty_cursor_is_400_for_the_cursor(anon):
    assert "cursor" in _errors(anon.get("/api/v1/events/", {"cursor": ""}))


def test_the_schema_does_not_allow_an_empty_cursor(schema):
    cursor = _parameter(schema, "/api/v1/events/", "cursor")
    assert cursor["schema"]["pattern"].startswith("^") and "anyOf" not in cursor["schema"]
    assert "ignored" in _parameter(schema, "/api/v1/events/", "modified_since")["description"].lower()


def test_a_cursor_wins_over_modified_since_which_must_still_be_well_formed(anon):
    EventFactory()
    first = anon.get("/api/v1/events/", {"modified_since": "2000-01-01T00:00:00Z"}).json()
    cursor = first["resume"].split("cursor=")[1]
    alone = anon.get("/api/v1/events/", {"cursor": cursor}).json()
    # A later modified_since beside the cursor changes nothing: the cursor holds the position.
    beside = anon.get("/api/v1/events/", {"cursor": cursor, "modified_since": "2999-01-01T00:00:00Z"}).json()
    assert beside["results"] == alone["results"]
    assert "modified_since" in _errors(anon.get("/api/v1/events/", {"cursor": cursor, "modified_since": "yesterday"}))


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/events/", "start_after"),
        ("/api/v1/events/", "modified_since"),
        ("/api/v1/news/", "published_before"),
        ("/api/v1/projects/", "starts_after"),
        ("/api/v1/cities/", "is_innovation_city"),
        ("/api/v1/events/", "city"),
    ],
)
def test_an_empty_filter_is_no_filter_and_the_schema_says_so(anon, schema, path, name):
    parameter = _parameter(schema, path, name)
    assert {"type": "string", "enum": [""]} in parameter["schema"]["anyOf"]
    response = anon.get(path, {name: ""})
    assert response.status_code == 200
    assert "count" in response.json()  # a plain list, not the sync stream


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/api/v1/events/", "start_after", "2026-01-01"),
        ("/api/v1/events/", "start_before", "2026-01-01T00:00:00"),
        ("/api/v1/events/", "end_after", "2026-01-01 00:00:00+02:00"),
        ("/api/v1/open-calls/", "deadline_after", "2026-01-01T00:00+02:00"),
        ("/api/v1/events/", "modified_since", "2026-01-01T00:00"),
        ("/api/v1/projects/", "starts_after", "01/02/2026"),
        ("/api/v1/projects/", "ends_before", "2026-1-2"),
        ("/api/v1/cities/", "is_innovation_city", "yes"),
        ("/api/v1/pilots/", "cross_border", "1"),
    ],
)
def test_values_outside_the_schemas_formats_are_400_for_the_field(anon, path, name, value):
    assert name in _errors(anon.get(path, {name: value}))


def test_well_formed_dates_and_booleans_filter(anon):
    now = timezone.now()
    soon = EventFactory(start=now + timedelta(days=3), end=now + timedelta(days=3, hours=2))
    EventFactory(start=now - timedelta(days=3), end=now - timedelta(days=3, hours=-2))
    response = anon.get("/api/v1/events/", {"start_after": now.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")})
    assert [row["id"] for row in response.json()["results"]] == [soon.pk]
    ProjectFactory(start_date=now.date() - timedelta(days=400))
    assert anon.get("/api/v1/projects/", {"starts_after": now.date().isoformat()}).json()["count"] == 0
    innovation = CityFactory(is_innovation_city=True)
    other = CityFactory(is_innovation_city=False)
    listed = {row["id"] for row in anon.get("/api/v1/cities/", {"is_innovation_city": "true", "page_size": 100}).json()["results"]}
    assert innovation.pk in listed and other.pk not in listed
    listed = {row["id"] for row in anon.get("/api/v1/cities/", {"is_innovation_city": "false", "page_size": 100}).json()["results"]}
    assert listed == {other.pk}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("related_projects", {}),
        ("organisers", ["1"]),
        ("city", "1"),
        ("street_address", 5),
        ("latitude", 60.1),
        ("kind", 1),
    ],
)
def test_a_body_value_of_another_json_type_is_400_and_nothing_is_saved(partner_a, org_a, field, value):
    city = CityFactory()
    body = {
        "title": {"en": "Typed"}, "kind": "seminar",
        "start": "2030-05-12T09:00:00+03:00", "end": "2030-05-12T12:00:00+03:00",
        field: value,
    }
    if field == "city":
        body[field] = str(city.pk)
    if field == "organisers":
        body[field] = [str(org_a.pk)]
    errors = _errors(partner_a.post("/api/v1/events/", body, format="json"))
    assert list(errors) == [field]
    assert not Event.objects.filter(title_en="Typed").exists()


def test_a_kpi_report_with_a_string_id_is_400(partner_a, org_a):
    pilot = PilotFactory(host=org_a)
    value = KPIValueFactory(kpi__pilot=pilot)
    path = f"/api/v1/pilots/{pilot.pk}/kpi-values/"
    assert "kpi" in _errors(partner_a.post(path, {"kpi": str(value.kpi_id), "achieved": "1"}, format="json"))
    assert "achieved" in _errors(partner_a.post(path, {"kpi": value.kpi_id, "achieved": 1.5}, format="json"))
    ok = partner_a.post(path, {"kpi": value.kpi_id, "achieved": "1.5"}, format="json")
    assert ok.status_code == 200, ok.content


def test_a_page_that_is_no_number_is_400_in_the_sync_stream_too(anon):
    EventFactory()
    assert "page" in _errors(anon.get("/api/v1/events/", {"modified_since": "2000-01-01T00:00:00Z", "page": "x"}))
    # A page number is ignored by the stream, which has none.
    response = anon.get("/api/v1/events/", {"modified_since": "2000-01-01T00:00:00Z", "page": "3"})
    assert response.status_code == 200 and response.json()["results"]


def test_a_page_that_is_no_number_is_400_in_an_export(anon):
    assert "page" in _errors(anon.get("/api/v1/participations/", {"format": "csv", "page": "x"}))
