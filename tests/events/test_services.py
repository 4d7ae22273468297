"""Event services: typed, with an actor, the same for the admin and the API."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from events import services
from events.models import Event, EventKind
from finest.core.models import PublishState
from finest.core.permissions import Actor
from partners.services import api_key_create
from tests.core.test_admin import form_data
from tests.factories import EventFactory, FocusAreaFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def _partner(organisation, scope="write") -> Actor:
    return Actor(organisation=organisation, scopes=frozenset({"read", scope}))


def _new_event(**values) -> Event:
    start = timezone.now() + timedelta(days=30)
    return Event(title_fi="Seminaari", kind=EventKind.SEMINAR, start=start, end=start + timedelta(hours=2), **values)


def test_a_partners_new_event_is_organised_by_its_organisation():
    org = PartnerFactory()
    area = FocusAreaFactory()
    event = services.event_create(event=_new_event(), focus_areas=[area], actor=_partner(org))
    assert list(event.organisers.all()) == [org]
    assert list(event.focus_areas.all()) == [area]
    assert event.state == PublishState.DRAFT


def test_a_partner_publishing_on_create_gets_todays_date():
    org = PartnerFactory()
    event = services.event_create(event=_new_event(state=PublishState.PUBLISHED), actor=_partner(org))
    assert event.is_public


def test_a_partner_cannot_leave_its_organisation_out():
    org, other = PartnerFactory(), PartnerFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.event_create(event=_new_event(), organisers=[other], actor=_partner(org))
    assert "organisers" in excinfo.value.message_dict
    assert not Event.objects.exists()
    event = EventFactory(organisers=[org])
    with pytest.raises(ValidationError):
        services.event_update(event=event, organisers=[other], actor=_partner(org))
    assert list(event.organisers.all()) == [org]


def test_staff_may_name_any_organisers():
    other = PartnerFactory()
    event = services.event_create(event=_new_event(), organisers=[other], actor=Actor.system())
    assert list(event.organisers.all()) == [other]


def test_a_read_only_key_or_another_organisation_cannot_change_it():
    org = PartnerFactory()
    event = EventFactory(organisers=[org], title_en="Before")
    event.title_en = "After"
    for actor in (_partner(org, scope="read"), _partner(PartnerFactory())):
        with pytest.raises(PermissionDenied):
            services.event_update(event=event, actor=actor)
    assert Event.objects.get(pk=event.pk).title_en == "Before"


def test_only_staff_delete():
    org = PartnerFactory()
    event = EventFactory(organisers=[org])
    with pytest.raises(PermissionDenied):
        services.event_delete(event=event, actor=_partner(org))
    services.event_delete(event=event, actor=Actor.system())
    assert not Event.objects.filter(pk=event.pk).exists()


def test_invalid_event_is_not_saved():
    event = _new_event(attendance_mode="online")
    with pytest.raises(ValidationError) as excinfo:
        services.event_create(event=event, actor=Actor.system())
    assert "online_url" in excinfo.value.message_dict


def test_the_admin_and_the_api_reach_the_same_service(staff_client, staff_user):
    org = PartnerFactory()
    event = EventFactory(organisers=[org], state=PublishState.DRAFT)  # a direct save: live content keeps a draft
    _key, raw = api_key_create(organisation=org, name="spy", scope="write")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")

    with mock.patch.object(services, "content_update", wraps=services.content_update) as spy:
        response = api.patch(f"/api/v1/events/{event.pk}/", {"title": {"en": "From the API"}}, format="json")
        assert response.status_code == 200, response.content
        url = reverse("admin:events_event_change", args=(event.pk,))
        data = form_data(staff_client.get(url))
        data["title_en"] = "From the admin"
        assert staff_client.post(url, data).status_code == 302

    actors = [call.kwargs["actor"] for call in spy.call_args_list]
    assert [call.kwargs["obj"].pk for call in spy.call_args_list] == [event.pk, event.pk]
    assert actors[0].organisation == org and not actors[0].is_staff
    assert actors[1].user == staff_user and actors[1].is_staff
    assert Event.objects.get(pk=event.pk).title_en == "From the admin"
