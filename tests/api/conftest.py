"""API clients per role (anonymous, partner A, partner B, staff key), in the manner of
pretix's API test fixtures."""

import time

import pytest
from django.db import connection
from rest_framework.test import APIClient

from partners.services import api_key_create
from tests.factories import PartnerFactory


@pytest.fixture(autouse=True)
def _api_settings(settings):
    # High limits so only the throttling tests throttle.
    settings.API_THROTTLE_RATES = {"anonymous": "100000/minute", "key": "100000/minute"}


def _other_writers() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid, state, left(query, 200) FROM pg_stat_activity"
            " WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
        return cursor.fetchall()


@pytest.fixture(autouse=True)
def _no_writer_left_by_an_earlier_test(request):
    """The sync stream stops before any transaction still running in the database, by design
    (finest/api/sync.py), so a write transaction an earlier test left running on this worker's
    database (a live server's thread, a worker process) would hold every stream test back.
    Wait for it to end; if it does not, fail here with what it is rather than in the stream."""
    wants_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames)
    if not wants_db:
        return
    request.getfixturevalue("_django_db_helper")
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + 30
    while (writers := _other_writers()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not writers, f"write transactions left running in the test database: {writers}"


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
