"""The permission matrix: anonymous, partner A, partner B and a staff key × read,
write and delete × A's own data and B's. A refused write leaves the object as it was."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from events.models import Event
from finest.core.models import PublishState
from living_lab.models import KPIValue
from partners.services import api_key_create, api_key_revoke
from tests.factories import EventFactory, KPIFactory, KPIValueFactory, PilotFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(org_a, org_b):
    return {
        "a_published": EventFactory(organisers=[org_a], title_en="A public"),
        "a_draft": EventFactory(organisers=[org_a], state=PublishState.DRAFT, title_en="A draft"),
        "b_published": EventFactory(organisers=[org_b], title_en="B public"),
        "b_draft": EventFactory(organisers=[org_b], state=PublishState.DRAFT, title_en="B draft"),
    }


@pytest.fixture
def clients(anon, partner_a, partner_b, staff_api):
    return {"anonymous": anon, "partner_a": partner_a, "partner_b": partner_b, "staff": staff_api}


# who → which of the events they may read
READ = {
    "anonymous": {"a_published", "b_published"},
    "partner_a": {"a_published", "a_draft", "b_published"},
    "partner_b": {"a_published", "b_published", "b_draft"},
    "staff": {"a_published", "a_draft", "b_published", "b_draft"},
}
# who → status of PATCH per event (404: cannot even see it)
WRITE = {
    "anonymous": {"a_published": 401, "a_draft": 401, "b_published": 401, "b_draft": 401},
    "partner_a": {"a_published": 200, "a_draft": 200, "b_published": 403, "b_draft": 404},
    "partner_b": {"a_published": 403, "a_draft": 404, "b_published": 200, "b_draft": 200},
    "staff": {"a_published": 200, "a_draft": 200, "b_published": 200, "b_draft": 200},
}
DELETE = {
    "anonymous": 401,
    "partner_a": 403,
    "partner_b": 403,
    "staff": 204,
}


@pytest.mark.parametrize("who", list(READ))
def test_read(who, clients, events):
    client = clients[who]
    listed = {row["id"] for row in client.get("/api/v1/events/", {"page_size": 100}).json()["results"]}
    assert listed == {events[name].pk for name in READ[who]}
    for name, event in events.items():
        expected = 200 if name in READ[who] else 404
        assert client.get(f"/api/v1/events/{event.pk}/").status_code == expected, name


@pytest.mark.parametrize("who", list(WRITE))
def test_write(who, clients, events):
    client = clients[who]
    for name, event in events.items():
        before = Event.objects.get(pk=event.pk).title_en
        response = client.patch(f"/api/v1/events/{event.pk}/", {"title": {"en": "Changed"}}, format="json")
        assert response.status_code == WRITE[who][name], (name, response.content)
        after = Event.objects.get(pk=event.pk).title_en
        if response.status_code == 200:
            assert after == "Changed"
        else:
            assert after == before


@pytest.mark.parametrize("who", list(DELETE))
@pytest.mark.parametrize("owner", ["a_published", "b_published"])
def test_delete(who, owner, clients, events):
    response = clients[who].delete(f"/api/v1/events/{events[owner].pk}/")
    assert response.status_code == DELETE[who]
    assert Event.objects.filter(pk=events[owner].pk).exists() == (DELETE[who] != 204)


def test_read_only_key_cannot_write(partner_a_read_only, org_a):
    event = EventFactory(organisers=[org_a])
    response = partner_a_read_only.patch(f"/api/v1/events/{event.pk}/", {"title": {"en": "X"}}, format="json")
    assert response.status_code == 403
    response = partner_a_read_only.post("/api/v1/events/", {}, format="json")
    assert response.status_code == 403


def test_revoked_or_unknown_key_is_401(anon):
    response = anon.get("/api/v1/events/", HTTP_X_API_KEY="abcdefgh.wrong")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


def test_x_api_key_header_works(org_a):

    draft = EventFactory(organisers=[org_a], state=PublishState.DRAFT)
    _key, raw = api_key_create(organisation=org_a, name="header", scope="write")
    assert APIClient().get(f"/api/v1/events/{draft.pk}/", HTTP_X_API_KEY=raw).status_code == 200


def _new_event(**extra):
    return {
        "title": {"fi": "Seminaari", "sv": "Seminarium", "en": "Seminar"},
        "kind": "seminar",
        "start": "2027-05-12T09:00:00+03:00",
        "end": "2027-05-12T12:00:00+03:00",
        **extra,
    }


def test_partner_creates_an_event_organised_by_its_organisation(partner_a, org_a):
    response = partner_a.post("/api/v1/events/", _new_event(), format="json")
    assert response.status_code == 201, response.content
    event = Event.objects.get(pk=response.json()["id"])
    assert list(event.organisers.all()) == [org_a]
    assert event.state == PublishState.DRAFT
    # Its own draft is readable with its key.
    assert partner_a.get(f"/api/v1/events/{event.pk}/").status_code == 200


def test_partner_cannot_create_an_event_for_another_organisation_only(partner_a, org_b):
    response = partner_a.post("/api/v1/events/", _new_event(organisers=[org_b.pk]), format="json")
    assert response.status_code == 400
    assert "organisers" in response.json()["errors"]
    assert not Event.objects.exists()


def test_partner_cannot_remove_its_own_organisation(partner_a, org_a, org_b):
    event = EventFactory(organisers=[org_a])
    response = partner_a.patch(f"/api/v1/events/{event.pk}/", {"organisers": [org_b.pk]}, format="json")
    assert response.status_code == 400
    assert list(event.organisers.all()) == [org_a]


def test_partner_may_add_a_co_organiser(partner_a, org_a, org_b):
    event = EventFactory(organisers=[org_a])
    response = partner_a.patch(f"/api/v1/events/{event.pk}/", {"organisers": [org_a.pk, org_b.pk]}, format="json")
    assert response.status_code == 200
    assert set(event.organisers.all()) == {org_a, org_b}


def test_staff_key_creates_any_event(staff_api, org_b):
    response = staff_api.post("/api/v1/events/", _new_event(organisers=[org_b.pk], state="published"), format="json")
    assert response.status_code == 201


def test_kpi_report_matrix(partner_a, partner_b, anon, staff_api, org_a, org_b):
    pilot = PilotFactory(host=org_a)
    kpi = KPIFactory(pilot=pilot)
    value = KPIValueFactory(kpi=kpi, achieved=None)
    url = f"/api/v1/pilots/{pilot.pk}/kpi-values/"
    body = {"kpi": kpi.pk, "achieved": "12.5", "measured_at": "2026-03-31"}

    assert anon.post(url, body, format="json").status_code == 401
    assert partner_b.post(url, body, format="json").status_code == 403
    value.refresh_from_db()
    assert value.achieved is None

    response = partner_a.post(url, body, format="json")
    assert response.status_code == 200, response.content
    value.refresh_from_db()
    assert str(value.achieved) == "12.500"
    assert value.reported_by == org_a

    pilot.participants.add(org_b)
    assert partner_b.post(url, {**body, "achieved": "13"}, format="json").status_code == 200
    assert staff_api.post(url, {**body, "achieved": "14"}, format="json").status_code == 200
    assert KPIValue.objects.get(pk=value.pk).achieved == 14


def test_kpi_report_for_a_kpi_without_a_target_changes_nothing(partner_a, org_a):
    pilot = PilotFactory(host=org_a)
    kpi = KPIFactory(pilot=pilot)
    response = partner_a.post(f"/api/v1/pilots/{pilot.pk}/kpi-values/", {"kpi": kpi.pk, "achieved": "1"}, format="json")
    assert response.status_code == 400
    assert "kpi" in response.json()["errors"]
    assert not KPIValue.objects.exists()


def test_other_resources_are_read_only(partner_a, staff_api):
    project = ProjectFactory()
    assert partner_a.patch(f"/api/v1/projects/{project.pk}/", {}, format="json").status_code in (403, 405)
    assert staff_api.delete(f"/api/v1/projects/{project.pk}/").status_code == 405


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_revoked_and_expired_keys_are_401(state, org_a):


    key, raw = api_key_create(organisation=org_a, name=state, scope="write")
    if state == "revoked":
        api_key_revoke(key=key)
    else:
        key.expires_at = timezone.now() - timedelta(minutes=1)
        key.save()
    assert APIClient().get("/api/v1/events/", HTTP_X_API_KEY=raw).status_code == 401


def test_key_use_is_recorded(partner_a, org_a):
    partner_a.get("/api/v1/events/")
    assert org_a.api_keys.get().last_used_at is not None
