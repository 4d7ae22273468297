"""Cells of the permission matrix that test_permissions.py leaves out: the read-only keys of
both organisations, and a co-organiser's rights on an event another organisation owns."""

import pytest
from rest_framework.test import APIClient

from events.models import Event
from finest.core.models import PublishState
from partners.services import api_key_create
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def key_client(organisation, scope) -> APIClient:
    _key, raw = api_key_create(organisation=organisation, name=f"{scope} key", scope=scope)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw)
    return client


@pytest.mark.parametrize("reader", ["a", "b"])
def test_a_read_only_key_reads_what_is_public_and_changes_nothing(reader, org_a, org_b):
    events = {
        name: EventFactory(organisers=[org], state=state, title_en=name)
        for name, org, state in [
            ("a_published", org_a, PublishState.PUBLISHED), ("a_draft", org_a, PublishState.DRAFT),
            ("b_published", org_b, PublishState.PUBLISHED), ("b_draft", org_b, PublishState.DRAFT),
        ]
    }
    client = key_client(org_a if reader == "a" else org_b, "read")
    listed = {row["id"] for row in client.get("/api/v1/events/", {"page_size": 100}).json()["results"]}
    assert listed == {events["a_published"].pk, events["b_published"].pk}
    for name, event in events.items():
        assert client.get(f"/api/v1/events/{event.pk}/").status_code == (404 if "draft" in name else 200), name
        assert client.patch(f"/api/v1/events/{event.pk}/", {"title": {"en": "X"}}, format="json").status_code == 403
        assert client.put(f"/api/v1/events/{event.pk}/", {}, format="json").status_code == 403
        assert client.delete(f"/api/v1/events/{event.pk}/").status_code == 403
        assert Event.objects.get(pk=event.pk).title_en == name
    assert client.post("/api/v1/events/", {}, format="json").status_code == 403
    assert Event.objects.count() == 4


def test_a_co_organiser_edits_and_reads_the_draft_but_neither_deletes_nor_reads_with_a_read_key(org_a, org_b):
    event = EventFactory(organisers=[org_b, org_a], state=PublishState.DRAFT, title_en="Shared")
    event.owner = org_b
    event.save()
    co_organiser, co_reader = key_client(org_a, "write"), key_client(org_a, "read")
    assert co_organiser.get(f"/api/v1/events/{event.pk}/").status_code == 200
    assert co_reader.get(f"/api/v1/events/{event.pk}/").status_code == 404
    assert co_reader.patch(f"/api/v1/events/{event.pk}/", {"title": {"en": "X"}}, format="json").status_code == 403
    response = co_organiser.patch(f"/api/v1/events/{event.pk}/", {"title": {"en": "Edited"}}, format="json")
    assert response.status_code == 200, response.content
    assert co_organiser.delete(f"/api/v1/events/{event.pk}/").status_code == 403
    event.refresh_from_db()
    assert event.title_en == "Edited"
    assert set(event.organisers.all()) == {org_a, org_b}
    assert event.owner == org_b
