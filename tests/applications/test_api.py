"""The partner API: forms and statistics are public; applications are seen by staff keys
and by a key with the applications scope whose organisation hosts the call."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from applications.models import ApplicationsAPIGrant, Decision
from tests.applications.factories import make_application, make_form
from tests.factories import OpenCallFactory, PartnerAPIKeyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _api_settings(settings):
    settings.API_THROTTLE_RATES = {"anonymous": "100000/minute", "key": "100000/minute"}


def client_for(key=None) -> APIClient:
    client = APIClient()
    if key is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key.prefix}.secret")
    return client


@pytest.fixture
def closed_form(db):
    call = OpenCallFactory(opens_at=timezone.now() - timedelta(days=60), deadline=timezone.now() - timedelta(days=1))
    form = make_form(call)
    make_application(form)
    make_application(form, company_country="EE", decision=Decision.SELECTED)
    return form


def test_call_forms_are_public_with_statistics_once_closed(closed_form, form, django_assert_max_num_queries):
    for _n in range(10):
        make_form()
    with django_assert_max_num_queries(10):
        response = client_for().get("/api/v1/call-forms/?page_size=50")
    assert response.status_code == 200
    rows = {row["open_call"]: row for row in response.json()["results"]}
    closed = rows[closed_form.call_id]
    assert closed["statistics"] == {
        "received": 2, "selected": 1,
        "by_country": [{"company_country": "EE", "count": 1}, {"company_country": "FI", "count": 1}],
    }
    assert closed["sections"][0]["questions"][0]["text"] == {"fi": "Mikä ongelma?", "sv": "Vilket problem?", "en": "What problem?"}
    assert [c["weight"] for c in closed["criteria"]] == ["2.00", "1.00"]
    assert closed["eligible_countries"] == ["FI", "EE"]
    assert rows[form.call_id]["statistics"] is None


@pytest.mark.parametrize(("who", "count"), [
    ("anonymous", 0), ("host_without_scope", 0), ("other_with_scope", 0), ("host_with_scope", 2), ("staff", 2),
])
def test_applications_only_for_the_hosting_organisation_with_the_scope(closed_form, who, count):
    host = closed_form.call.host
    keys = {
        "anonymous": None,
        "host_without_scope": PartnerAPIKeyFactory(organisation=host),
        "other_with_scope": PartnerAPIKeyFactory(),
        "host_with_scope": PartnerAPIKeyFactory(organisation=host),
        "staff": PartnerAPIKeyFactory(organisation=None, is_staff_key=True),
    }
    key = keys[who]
    if who.endswith("with_scope"):
        ApplicationsAPIGrant.objects.create(key=key)
    response = client_for(key).get("/api/v1/applications/")
    assert response.status_code == 200
    assert response.json()["count"] == count


def test_a_hidden_application_is_not_found_by_its_id(closed_form):
    application = closed_form.call.applications.first()
    response = client_for(PartnerAPIKeyFactory(organisation=closed_form.call.host)).get(f"/api/v1/applications/{application.public_id}/")
    assert response.status_code == 404
