"""Partner API keys expire by default and can be rotated without an outage."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from partners.models import PartnerAPIKey
from partners.services import api_key_create, api_key_rotate
from tests.factories import PartnerFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def status(raw: str) -> int:
    return APIClient().get("/api/v1/cities/", HTTP_X_API_KEY=raw).status_code


def test_a_new_key_expires_after_the_maximum_age(settings):
    settings.API_KEY_MAX_AGE_DAYS = 30
    key, raw = api_key_create(organisation=PartnerFactory(), name="sync")
    assert timedelta(days=29) < key.expires_at - timezone.now() <= timedelta(days=30)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert status(raw) == 401


def test_rotation_gives_a_new_key_and_the_old_one_a_grace_period(settings):
    settings.API_KEY_ROTATION_GRACE_HOURS = 48
    organisation = PartnerFactory()
    old, old_raw = api_key_create(organisation=organisation, name="sync", scope="write")
    new, new_raw = api_key_rotate(key=old)
    old.refresh_from_db()
    assert (new.organisation, new.name, new.scope) == (organisation, "sync", "write")
    assert old.replaced_by == new
    assert status(old_raw) == status(new_raw) == 200
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert status(old_raw) == 401
        assert status(new_raw) == 200
    with pytest.raises(ValidationError):
        api_key_rotate(key=old)


def test_staff_rotate_keys_in_the_admin_and_see_the_new_secret_once(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(StaffUserFactory())
    key, _raw = api_key_create(organisation=PartnerFactory(), name="sync")
    response = client.post(
        reverse("admin:partners_partnerapikey_changelist"), {"action": "rotate_keys", "_selected_action": [key.pk]}
    )
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.replaced_by is not None
    shown = " ".join(str(message) for message in get_messages(response.wsgi_request))
    new_prefix = key.replaced_by.prefix
    raw = shown.split(": ")[-1].strip()
    assert raw.startswith(new_prefix + ".")
    assert PartnerAPIKey.objects.count() == 2
    assert status(raw) == 200
