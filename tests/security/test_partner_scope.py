"""Partner scopes: drafts need a write key, only an event's owner changes its organisers,
tombstones only for what the reader could see, and CSV negotiation."""

import pytest
from rest_framework.test import APIClient

from events.models import Event
from finest.core.models import PublishState
from partners.services import api_key_create
from tests.factories import (
    CityFactory,
    EventFactory,
    OpenCallFactory,
    ParticipationFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def key_client(organisation, scope="write") -> APIClient:
    _key, raw = api_key_create(organisation=organisation, name=f"{scope} key", scope=scope)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw)
    return client


@pytest.fixture
def org_a():
    return PartnerFactory(name_en="A")


@pytest.fixture
def org_b():
    return PartnerFactory(name_en="B")


def test_a_read_only_key_does_not_read_its_organisations_drafts(org_a):
    draft = EventFactory(organisers=[org_a], state=PublishState.DRAFT)
    reader = key_client(org_a, scope="read")
    assert reader.get(f"/api/v1/events/{draft.pk}/").status_code == 404
    assert draft.pk not in [item["id"] for item in reader.get("/api/v1/events/").json()["results"]]
    assert key_client(org_a).get(f"/api/v1/events/{draft.pk}/").status_code == 200


def test_a_co_organiser_cannot_lock_the_owner_out(org_a, org_b):
    owner = key_client(org_b)
    created = owner.post("/api/v1/events/", {
        "title": {"fi": "Seminaari", "en": "Seminar"}, "kind": "seminar", "organisers": [org_b.pk, org_a.pk],
        "start": "2027-05-12T09:00:00+03:00", "end": "2027-05-12T12:00:00+03:00", "state": "published",
    }, format="json")
    assert created.status_code == 201, created.content
    event = Event.objects.get(pk=created.json()["id"])
    assert event.owner == org_b

    co_organiser = key_client(org_a)
    response = co_organiser.patch(f"/api/v1/events/{event.pk}/", {"organisers": [org_a.pk]}, format="json")
    assert response.status_code == 400
    assert "organisers" in response.json()["errors"]
    assert set(event.organisers.all()) == {org_a, org_b}
    # The co-organiser may still edit the event itself, and send the organisers unchanged.
    unchanged = {"title": {"en": "Seminar 2"}, "organisers": [org_a.pk, org_b.pk]}
    response = co_organiser.patch(f"/api/v1/events/{event.pk}/", unchanged, format="json")
    assert response.status_code == 200, response.content
    # The owner changes them.
    assert owner.patch(f"/api/v1/events/{event.pk}/", {"organisers": [org_b.pk]}, format="json").status_code == 200
    assert list(event.organisers.all()) == [org_b]


def test_anonymous_readers_get_no_tombstone_for_a_draft_they_never_saw(org_a):
    draft = EventFactory(organisers=[org_a], state=PublishState.DRAFT)
    public = EventFactory(organisers=[org_a])
    draft_id, public_id = draft.pk, public.pk
    draft.delete()
    public.delete()
    anonymous = APIClient().get("/api/v1/events/", {"modified_since": "2000-01-01T00:00:00Z"}).json()["results"]
    assert [item["id"] for item in anonymous if item.get("deleted")] == [public_id]
    assert str(draft.public_id) not in str(anonymous)
    own = key_client(org_a).get("/api/v1/events/", {"modified_since": "2000-01-01T00:00:00Z"}).json()["results"]
    assert {item["id"] for item in own if item.get("deleted")} == {draft_id, public_id}


SINCE = {"modified_since": "2000-01-01T00:00:00Z"}


def tombstones(client, resource: str) -> dict[int, dict]:
    results = client.get(f"/api/v1/{resource}/", SINCE).json()["results"]
    return {item["id"]: item for item in results if item.get("deleted")}


def test_a_deleted_drafts_tombstone_goes_only_to_its_organisers(org_a, org_b):
    org_c = PartnerFactory(name_en="C")
    draft = EventFactory(organisers=[org_a, org_c], state=PublishState.DRAFT)
    draft_id, public_id = draft.pk, str(draft.public_id)
    draft.delete()
    # Another organisation's write key may see drafts, but never saw this one.
    other = key_client(org_b).get("/api/v1/events/", SINCE)
    assert str(draft_id) not in [str(item.get("id")) for item in other.json()["results"]]
    assert public_id not in other.content.decode()
    assert tombstones(APIClient(), "events") == {}
    assert tombstones(key_client(org_a, scope="read"), "events") == {}
    # The organisers, owner and co-organiser, had it in their copies.
    for organiser in (org_a, org_c):
        own = tombstones(key_client(organiser), "events")
        assert own[draft_id]["public_id"] == public_id
        assert own[draft_id]["reason"] == "deleted"


def test_a_deleted_draft_project_or_pilot_goes_to_the_organisations_that_read_it(org_a, org_b):
    project = ProjectFactory(state=PublishState.DRAFT)
    ParticipationFactory(project=project, partner=org_a)
    pilot = PilotFactory(host=org_a, state=PublishState.DRAFT)
    call = OpenCallFactory(host=org_a, state=PublishState.DRAFT)
    ids = {"projects": project.pk, "pilots": pilot.pk, "open-calls": call.pk}
    for obj in (project, pilot, call):
        obj.delete()
    for resource, pk in ids.items():
        assert pk in tombstones(key_client(org_a), resource), resource
        assert pk not in tombstones(key_client(org_b), resource), resource
        assert pk not in tombstones(APIClient(), resource), resource


def test_a_public_objects_tombstone_goes_to_everybody(org_a, org_b):
    deleted = EventFactory(organisers=[org_a])
    unpublished_then_deleted = EventFactory(organisers=[org_a])
    unpublished = EventFactory(organisers=[org_a])
    city = CityFactory()
    ids = {deleted.pk, unpublished_then_deleted.pk, unpublished.pk}
    for event in (unpublished_then_deleted, unpublished):
        event.state = PublishState.DRAFT
        event.save()
    deleted.delete()
    unpublished_then_deleted.delete()
    city_id = city.pk
    city.delete()
    for reader in (APIClient(), key_client(org_b), key_client(org_b, scope="read"), key_client(org_a, scope="read")):
        assert set(tombstones(reader, "events")) == ids
        assert set(tombstones(reader, "cities")) == {city_id}
    # The organiser still reads the unpublished draft itself; the others are gone for it too.
    assert set(tombstones(key_client(org_a), "events")) == ids - {unpublished.pk}


def test_csv_by_query_parameter_wins_over_an_accept_header(org_a):
    EventFactory(organisers=[org_a])
    response = APIClient().get("/api/v1/events/?format=csv", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="events.csv"'


def search_description(**headers) -> str:
    response = APIClient().get("/api/v1/schema/", {"format": "json"}, **headers)
    operation = response.json()["paths"]["/api/v1/events/"]["get"]
    return next(parameter for parameter in operation["parameters"] if parameter["name"] == "q")["description"]


def test_schema_texts_are_english_without_accept_language():
    assert search_description().startswith("Text search in the chosen language")
    assert search_description(HTTP_ACCEPT_LANGUAGE="fi").startswith("Tekstihaku")
