"""API clients per role (anonymous, partner A, partner B, staff key), in the manner of
pretix's API test fixtures."""

import pytest
from rest_framework.test import APIClient

from partners.services import api_key_create
from tests.factories import PartnerFactory


@pytest.fixture(autouse=True)
def _api_settings(settings):
    # High limits so only the throttling tests throttle.
    settings.API_THROTTLE_RATES = {"anonymous": "100000/minute", "key": "100000/minute"}


def _client_with_key(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


@pytest.fixture
def anon(db):
    return APIClient()


@pytest.fixture
def org_a(db):
    return PartnerFactory(name_en="Organisation A")


@pytest.fixture
def org_b(db):
    return PartnerFactory(name_en="Organisation B")


@pytest.fixture
def partner_a(org_a):
    _key, raw = api_key_create(organisation=org_a, name="A sync", scope="write")
    client = _client_with_key(raw)
    client.organisation = org_a
    return client


@pytest.fixture
def partner_a_read_only(org_a):
    _key, raw = api_key_create(organisation=org_a, name="A read", scope="read")
    return _client_with_key(raw)


@pytest.fixture
def partner_b(org_b):
    _key, raw = api_key_create(organisation=org_b, name="B sync", scope="write")
    client = _client_with_key(raw)
    client.organisation = org_b
    return client


@pytest.fixture
def staff_api(db):
    _key, raw = api_key_create(organisation=None, name="Staff", scope="write", is_staff_key=True)
    return _client_with_key(raw)
