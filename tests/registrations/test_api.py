"""The registration state as a field of the event (API and JSON-LD), the counts for the
co-organisers, and the consenting registrants for a key with the registrants scope."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from partners.services import api_key_create
from registrations.models import APIKeyRegistrantsScope, RegistrantStatus
from tests.factories import EventFactory, PartnerFactory
from tests.helpers import json_ld, url_in

from .factories import RegistrantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def key_client(organisation, *, registrants_scope=False, staff=False):
    key, raw = api_key_create(organisation=organisation, name="Sync", scope="read", is_staff_key=staff)
    if registrants_scope:
        APIKeyRegistrantsScope.objects.create(key=key)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


@pytest.fixture(autouse=True)
def _api_settings(settings):
    settings.API_THROTTLE_RATES = {"anonymous": "100000/minute", "key": "100000/minute"}


@pytest.fixture
def organiser():
    return PartnerFactory()


@pytest.fixture
def registration(organiser):
    registration = RegistrationFactory(capacity=2, event=EventFactory(organisers=[organiser]))
    RegistrantFactory(registration=registration, consent_share=True, name="Shares")
    RegistrantFactory(registration=registration, consent_share=False, name="Private")
    RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED, consent_share=True, name="Waiting")
    RegistrantFactory(registration=registration, status=RegistrantStatus.CANCELLED, consent_share=True, name="Gone")
    return registration


@pytest.mark.parametrize(
    ("capacity", "waitlist", "closes_in", "state", "places_left"),
    [(None, True, 1, "open", True), (2, True, 1, "waitlist", False), (2, False, 1, "full", False), (None, True, -1, "closed", False)],
)
def test_event_api_has_the_registration_state(client, capacity, waitlist, closes_in, state, places_left):
    registration = RegistrationFactory(capacity=capacity, waitlist_enabled=waitlist, closes_at=timezone.now() + timedelta(hours=closes_in))
    RegistrantFactory.create_batch(2, registration=registration)
    data = APIClient().get(f"/api/v1/events/{registration.event.pk}/").json()
    assert data["registration"]["state"] == state
    assert data["registration"]["places_left"] is places_left
    assert "confirmed" not in data["registration"]


def test_event_without_registration_has_null(client):
    event = EventFactory()
    assert APIClient().get(f"/api/v1/events/{event.pk}/").json()["registration"] is None


def test_event_list_queries_do_not_grow_with_registrations(django_assert_max_num_queries):
    for _ in range(15):
        RegistrantFactory(registration=RegistrationFactory())
    client = APIClient()
    with django_assert_max_num_queries(14):
        response = client.get("/api/v1/events/?page_size=50")
    assert len(response.json()["results"]) == 15
    assert all(item["registration"]["state"] == "open" for item in response.json()["results"])


@pytest.mark.parametrize(("state", "availability"), [("open", "InStock"), ("waitlist", "LimitedAvailability"), ("full", "SoldOut")])
def test_json_ld_offers(client, state, availability):
    registration = RegistrationFactory(capacity=1, waitlist_enabled=state != "full")
    if state != "open":
        RegistrantFactory(registration=registration)
    documents = json_ld(client.get(url_in(registration.event, "en")).content.decode())
    offers = documents[0]["offers"]
    assert offers["availability"] == f"https://schema.org/{availability}"
    assert offers["url"].endswith("#registration") and offers["price"] == "0"
    assert documents[0]["eventStatus"] == "https://schema.org/EventScheduled"


def test_json_ld_before_opening_and_after_closing(client):
    later = RegistrationFactory(opens_at=timezone.now() + timedelta(days=2))
    closed = RegistrationFactory(closes_at=timezone.now() - timedelta(days=1))
    assert json_ld(client.get(url_in(later.event, "en")).content.decode())[0]["offers"]["availability"] == "https://schema.org/PreOrder"
    assert json_ld(client.get(url_in(closed.event, "en")).content.decode())[0]["offers"]["availability"] == "https://schema.org/Discontinued"


def test_anonymous_sees_only_whether_places_are_left(registration):
    data = APIClient().get(f"/api/v1/registrations/{registration.pk}/").json()
    assert data["availability"]["state"] == "waitlist"
    assert data["availability"]["places_left"] is False
    assert data["counts"] is None
    assert APIClient().get(f"/api/v1/registrations/{registration.pk}/registrants/").status_code in (401, 403)


def test_co_organiser_sees_counts_and_only_consenting_registrants(registration, organiser):
    client = key_client(organiser, registrants_scope=True)
    data = client.get(f"/api/v1/registrations/{registration.pk}/").json()
    assert data["counts"] == {"capacity": 2, "confirmed": 2, "waitlisted": 1, "cancelled": 1, "pending": 0}
    people = client.get(f"/api/v1/registrations/{registration.pk}/registrants/").json()["results"]
    assert sorted(person["name"] for person in people) == ["Shares", "Waiting"]
    assert set(people[0]) == {"id", "name", "email", "organisation", "language", "status", "created_at"}


def test_co_organiser_without_the_scope_sees_counts_but_no_registrants(registration, organiser):
    client = key_client(organiser)
    assert client.get(f"/api/v1/registrations/{registration.pk}/").json()["counts"]["confirmed"] == 2
    response = client.get(f"/api/v1/registrations/{registration.pk}/registrants/")
    assert response.status_code == 403 and "registrants scope" in response.json()["detail"]


def test_other_partner_with_the_scope_sees_neither(registration):
    client = key_client(PartnerFactory(), registrants_scope=True)
    assert client.get(f"/api/v1/registrations/{registration.pk}/").json()["counts"] is None
    assert client.get(f"/api/v1/registrations/{registration.pk}/registrants/").status_code == 403


def test_erased_registrants_are_never_listed(registration, organiser):
    registration.registrants.filter(name="Shares").update(name="", email="", erased_at=timezone.now())
    people = key_client(organiser, registrants_scope=True).get(f"/api/v1/registrations/{registration.pk}/registrants/").json()["results"]
    assert [person["name"] for person in people] == ["Waiting"]


def test_drafts_are_not_listed_for_anonymous(registration):
    RegistrationFactory(event__state="draft")
    results = APIClient().get("/api/v1/registrations/").json()["results"]
    assert [item["id"] for item in results] == [registration.pk]


def test_registration_list_queries(django_assert_max_num_queries):
    for _ in range(20):
        RegistrantFactory(registration=RegistrationFactory())
    with django_assert_max_num_queries(6):
        response = APIClient().get("/api/v1/registrations/?page_size=50")
    assert len(response.json()["results"]) == 20


def test_malformed_ids_get_a_json_404():
    response = APIClient().get("/api/v1/registrations/1.5e-10/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
