"""The inputs the security review turned into 500s: each is now a 4xx (JSON in the API)."""

import base64
import io
import json

import pytest
from django.core.management import get_commands
from django.test import Client
from django.urls import reverse

from events.models import Event
from finest.core.models import FocusArea
from newsletter.models import Subscriber
from tests.factories import EventFactory, StaffUserFactory

RESOURCES = ["projects", "participations", "partners", "events", "pilots", "open-calls", "news", "focus-areas", "cities"]

pytestmark = pytest.mark.django_db


def new_event(**extra):
    return {"title": {"fi": "Seminaari", "en": "Seminar"}, "kind": "seminar",
            "start": "2027-05-12T09:00:00+03:00", "end": "2027-05-12T12:00:00+03:00", **extra}


def assert_json_error(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["status"] == status


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_nul_id_is_a_json_404(resource):
    assert_json_error(Client().get(f"/api/v1/{resource}/%00/"), 404)


def test_a_nul_search_term_is_a_400(client):
    assert client.get(reverse("website:search") + "?q=%00").status_code == 400
    assert_json_error(client.get("/api/v1/projects/?q=a%00"))


def test_a_nul_in_a_posted_title_is_a_json_400(content, writer):
    response = writer.post("/api/v1/events/", json.dumps(new_event(title={"fi": "a\x00b"})), content_type="application/json")
    assert_json_error(response)
    assert not Event.objects.filter(title_fi__startswith="a").exists()


def test_a_body_nested_100000_levels_deep_is_a_json_400(writer):
    assert_json_error(writer.post("/api/v1/events/", "[" * 100_000 + "]" * 100_000, content_type="application/json"))


def test_an_infinite_number_is_a_json_400(writer):
    assert_json_error(writer.post("/api/v1/events/", '{"city": 1e309}', content_type="application/json"))


@pytest.mark.parametrize("offset", ["+23:59", "-23:59", "+18:01"])
def test_time_zone_offsets_beyond_the_database_range_in_filters(content, offset):
    EventFactory()
    response = Client().get("/api/v1/events/", {"start_after": f"2026-01-01T00:00:00{offset}"})
    assert response.status_code == 200


def test_an_out_of_range_offset_in_a_cursor(content):
    payload = {"t": "2026-01-01T00:00:00+23:59", "i": 1, "d": False, "s": "0001-01-01T00:00:00+23:59"}
    cursor = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    response = Client().get("/api/v1/events/", {"cursor": cursor})
    assert_json_error(response)
    # Cursors from before the (txid, entry) stream, whatever their offsets, are refused the same way.
    payload["s"] = "2026-01-01T00:00:00-23:59"
    cursor = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    assert_json_error(Client().get("/api/v1/events/", {"cursor": cursor}))
    assert_json_error(Client().get("/api/v1/events/", {"cursor": "99999999999999999999-1"}))


def test_a_nul_in_the_admin_autocomplete_is_a_400(client):
    client.force_login(StaffUserFactory())
    response = client.get(
        reverse("admin:autocomplete"), {"term": "\x00", "app_label": "events", "model_name": "event", "field_name": "city"}
    )
    assert response.status_code == 400


def test_a_20_digit_id_in_the_sign_up_form_is_a_form_error(client):
    FocusArea.objects.create(name_fi="Liikkuvuus", slug_fi="liikkuvuus")
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": "a@example.org", "language": "fi", "consent": "on", "focus_areas": ["9" * 20]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["focus_areas"]
    assert not Subscriber.objects.exists()


def test_the_dev_server_leaves_static_files_to_whitenoise():
    # Django's own static handler lets /static/../ escape as a SuspiciousFileOperation (a 500);
    # WhiteNoise serves only files it knows.
    assert get_commands()["runserver"] == "whitenoise.runserver_nostatic"


def chunked(body: str) -> dict:
    """What a WSGI server hands over for a chunked request: no Content-Length, the de-chunked body as a stream."""
    return {"CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": io.BytesIO(body.encode())}


def test_a_chunked_body_is_read(writer):
    response = writer.post("/api/v1/events/", "", content_type="application/json", **chunked(json.dumps(new_event())))
    assert response.status_code == 201, response.content[:300]
    assert Event.objects.filter(pk=response.json()["id"]).exists()


def test_a_chunked_body_over_the_limit_is_a_413(writer, settings):
    settings.API_MAX_BODY_BYTES = settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = writer.post("/api/v1/events/", "", content_type="application/json", **chunked(json.dumps(new_event(x="y" * 200))))
    assert_json_error(response, 413)
