"""Partner API keys: created by staff in the admin, shown once, stored as a hash,
revocable; the authentication helper the API uses."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from partners.models import ContactPerson, PartnerAPIKey
from partners.services import api_key_authenticate, api_key_create, api_key_revoke
from tests.core.test_admin import add_inline_row, form_data, inline_prefix
from tests.factories import PartnerAPIKeyFactory, PartnerFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:partners_partnerapikey_add")
CHANGELIST_URL = reverse("admin:partners_partnerapikey_changelist")


def test_staff_create_a_key_and_see_it_once(staff_client):
    partner = PartnerFactory()
    response = staff_client.post(ADD_URL, {"organisation": partner.pk, "name": "City data sync", "scope": "write"},
                                 follow=True, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    key = PartnerAPIKey.objects.get()
    shown = [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]
    raw = next(re.search(r"([0-9a-f]{8}\.[A-Za-z0-9_-]+)$", text).group(1) for text in shown if "API key" in text)
    assert raw.startswith(f"{key.prefix}.")
    assert key.hashed_key == PartnerAPIKey.hash_secret(raw)
    assert raw.split(".", 1)[1] not in key.hashed_key
    assert key.scope == "write"
    assert api_key_authenticate(raw) == key

    # The key is never shown again.
    page = staff_client.get(reverse("admin:partners_partnerapikey_change", args=(key.pk,))).content.decode()
    assert raw not in page
    assert raw not in staff_client.get(CHANGELIST_URL).content.decode()


def test_a_key_needs_an_organisation_unless_it_is_a_staff_key(staff_client):
    response = staff_client.post(ADD_URL, {"name": "No owner", "scope": "read"})
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    assert not PartnerAPIKey.objects.exists()

    response = staff_client.post(ADD_URL, {"name": "Staff", "scope": "read", "is_staff_key": "on"})
    assert response.status_code == 302
    assert PartnerAPIKey.objects.get().is_staff_key


def test_key_with_expiry(staff_client):
    partner = PartnerFactory()
    response = staff_client.post(ADD_URL, {"organisation": partner.pk, "name": "Short", "scope": "read",
                                           "expires_at_0": "2030-01-01", "expires_at_1": "12:00"})
    assert response.status_code == 302
    assert PartnerAPIKey.objects.get().expires_at.year == 2030


def test_revoke_action(staff_client):
    keys = PartnerAPIKeyFactory.create_batch(2)
    response = staff_client.post(CHANGELIST_URL, {"action": "revoke_keys", "_selected_action": [keys[0].pk]})
    assert response.status_code == 302
    keys[0].refresh_from_db()
    keys[1].refresh_from_db()
    assert keys[0].revoked_at is not None
    assert keys[1].revoked_at is None
    assert api_key_authenticate(f"{keys[0].prefix}.secret") is None
    assert api_key_authenticate(f"{keys[1].prefix}.secret") == keys[1]


def test_last_used_is_read_only_on_the_change_form(staff_client):
    key = PartnerAPIKeyFactory()
    response = staff_client.get(reverse("admin:partners_partnerapikey_change", args=(key.pk,)))
    form = response.context["adminform"].form
    assert "last_used_at" not in form.fields
    assert "organisation" not in form.fields
    assert "name" in form.fields


def test_authenticate_refuses_wrong_expired_and_malformed_keys():
    partner = PartnerFactory()
    key, raw = api_key_create(organisation=partner, name="Sync", scope="read")
    assert api_key_authenticate(raw) == key
    assert api_key_authenticate(raw + "x") is None
    assert api_key_authenticate(raw.split(".")[0]) is None
    assert api_key_authenticate("") is None
    assert api_key_authenticate("nodot") is None
    assert api_key_authenticate("zzzzzzzz.whatever") is None
    expired, expired_raw = api_key_create(
        organisation=partner, name="Old", scope="read", expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert api_key_authenticate(expired_raw) is None
    api_key_revoke(key=key)
    assert api_key_authenticate(raw) is None


def test_last_used_is_updated_at_most_once_a_minute():
    key, raw = api_key_create(organisation=PartnerFactory(), name="Sync", scope="read")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        api_key_authenticate(raw)
    key.refresh_from_db()
    assert key.last_used_at == start
    modified = key.modified_at
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        api_key_authenticate(raw)
    key.refresh_from_db()
    assert key.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        api_key_authenticate(raw)
    key.refresh_from_db()
    assert key.last_used_at == start + timedelta(seconds=61)
    assert key.modified_at == modified


def test_revoking_twice_keeps_the_first_time():
    key = PartnerAPIKeyFactory()
    first = api_key_revoke(key=key).revoked_at
    assert api_key_revoke(key=key).revoked_at == first


def test_partner_admin_edits_contacts_inline(staff_client):
    partner = PartnerFactory()
    url = reverse("admin:partners_partner_change", args=(partner.pk,))
    page = staff_client.get(url)
    data = form_data(page)
    add_inline_row(data, inline_prefix(page, ContactPerson), {"name": "Maija Meikäläinen", "role_fi": "Johtaja",
                                                               "email": "maija@example.org", "phone": "+358 9 123",
                                                               "is_public": "on", "order": "0"})
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert partner.contacts.get().role_fi == "Johtaja"

    data = form_data(staff_client.get(url))
    data[f"{inline_prefix(page, ContactPerson)}-0-email"] = "not-an-email"
    response = staff_client.post(url, data)
    assert response.status_code == 200


def test_bad_identifiers_are_form_errors(staff_client):
    partner = PartnerFactory()
    url = reverse("admin:partners_partner_change", args=(partner.pk,))
    data = form_data(staff_client.get(url))
    data.update({"pic": "12", "ror_id": "not-a-ror", "website": "ftp://x"})
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert {"pic", "ror_id", "website"} <= set(response.context["adminform"].form.errors)
