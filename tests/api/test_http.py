"""Conditional requests (304), throttling (429 with Retry-After), languages (?lang=,
Accept-Language, fallbacks, Content-Language) and bad input (400/413/415)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date
from rest_framework.test import APIClient

from events.models import Event
from finest.api.throttling import AnonymousRateThrottle
from newsletter.models import NewsletterIssue
from partners.services import api_key_create
from tests.factories import (
    EventFactory,
    ParticipationFactory,
    PartnerAPIKeyFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


# --- 304 --------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/v1/projects/", "detail"])
def test_etag_and_last_modified_give_304_until_something_changes(anon, path):
    now = timezone.now()
    project = ProjectFactory()
    url = f"/api/v1/projects/{project.pk}/" if path == "detail" else path
    with time_machine.travel(now + timedelta(seconds=2), tick=False):
        first = anon.get(url)
        assert first.status_code == 200
        etag, last_modified = first["ETag"], first["Last-Modified"]

        again = anon.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304
        assert again["ETag"] == etag
        assert anon.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

        project.title_en = "Renamed"
        project.save()
        changed = anon.get(url, HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200
        assert changed["ETag"] != etag
        assert anon.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


@pytest.mark.parametrize("cached", [True, False])
@pytest.mark.parametrize("path", ["/api/v1/projects/", "detail"])
def test_two_changes_within_one_second_never_give_a_stale_304(anon, path, cached, settings):
    settings.PAGE_CACHE = cached
    # Last-Modified has whole seconds: within the change's second it names that second, which a
    # second change in the same second is after, so If-Modified-Since gets the new body.
    with time_machine.travel("2026-03-02 08:00:00.200+00:00", tick=False):
        project = ProjectFactory(title_en="First")
        url = f"/api/v1/projects/{project.pk}/" if path == "detail" else path
        first = anon.get(url)
        assert first["Last-Modified"] == "Mon, 02 Mar 2026 08:00:00 GMT"
    with time_machine.travel("2026-03-02 08:00:00.700+00:00", tick=False):
        project.title_en = "Second"
        project.save()
        second = anon.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert second.status_code == 200
        assert b"Second" in second.content
    with time_machine.travel("2026-03-02 08:00:01.100+00:00", tick=False):
        settled = anon.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert settled.status_code == 200
        assert settled["Last-Modified"] == "Mon, 02 Mar 2026 08:00:01 GMT"
        assert anon.get(url, HTTP_IF_MODIFIED_SINCE=settled["Last-Modified"]).status_code == 304


def test_validators_follow_the_resources_own_changes_only(anon):
    project = ProjectFactory()
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        # Past the change's second, Last-Modified names the second after it and stays.
        first = anon.get("/api/v1/projects/")
    validators = (first["ETag"], first["Last-Modified"])

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        NewsletterIssue.objects.create(subject="Joulukuu")
        EventFactory()
        PartnerAPIKeyFactory()
        unrelated = anon.get("/api/v1/projects/")
        assert (unrelated["ETag"], unrelated["Last-Modified"]) == validators
        assert anon.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=validators[1]).status_code == 304

    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        ParticipationFactory(project=project)
        changed = anon.get("/api/v1/projects/")
        assert changed["ETag"] != validators[0]
        assert changed["Last-Modified"] != validators[1]
        assert anon.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=validators[1]).status_code == 200


def test_deleting_a_project_moves_the_lists_last_modified(anon):
    keep, gone = ProjectFactory(), ProjectFactory()
    before = anon.get("/api/v1/projects/")["Last-Modified"]
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        gone.delete()
        response = anon.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=before)
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [keep.pk]


def test_if_modified_since_after_a_later_change_gives_200(anon):
    ProjectFactory()
    long_ago = http_date((timezone.now() - timedelta(days=1)).timestamp())
    assert anon.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=long_ago).status_code == 200


def test_etag_differs_per_language(anon):
    ProjectFactory()
    assert anon.get("/api/v1/projects/", {"lang": "fi"})["ETag"] != anon.get("/api/v1/projects/", {"lang": "en"})["ETag"]


# --- throttling ---------------------------------------------------------------------
def test_anonymous_clients_are_throttled_with_retry_after(settings, db):
    settings.API_THROTTLE_RATES = {"anonymous": "3/minute", "key": "100000/minute"}
    client = APIClient(REMOTE_ADDR="203.0.113.77")
    statuses = [client.get("/api/v1/focus-areas/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/focus-areas/")
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_keys_are_throttled_per_key(settings, db):
    settings.API_THROTTLE_RATES = {"anonymous": "100000/minute", "key": "2/minute"}
    organisation = PartnerFactory()
    _key, first = api_key_create(organisation=organisation, name="one")
    _key, second = api_key_create(organisation=organisation, name="two")
    one, two = APIClient(), APIClient()
    one.credentials(HTTP_X_API_KEY=first)
    two.credentials(HTTP_X_API_KEY=second)
    assert [one.get("/api/v1/cities/").status_code for _ in range(3)] == [200, 200, 429]
    assert two.get("/api/v1/cities/").status_code == 200


# --- languages ------------------------------------------------------------------------
def test_lang_returns_plain_strings_with_the_documented_fallback(anon):
    ProjectFactory(title_fi="Hanke", title_sv="", title_en="Project", summary_fi="", summary_en="Summary.", summary_sv="")
    sv = anon.get("/api/v1/projects/", {"lang": "sv"})
    assert sv["Content-Language"] == "sv"
    item = sv.json()["results"][0]
    assert item["title"] == "Hanke"  # sv → fi → en
    assert item["summary"] == "Summary."  # fi missing too, so en
    assert item["languages"] == ["fi", "en"]
    assert "/sv/" in item["web_url"]


def test_without_a_language_every_translated_field_is_an_object(anon):
    ProjectFactory(title_sv="")
    response = anon.get("/api/v1/projects/")
    assert response["Content-Language"] == "fi, sv, en"
    assert response.json()["results"][0]["title"]["sv"] is None


def test_accept_language_header_chooses_a_language(anon):
    ProjectFactory(title_en="Project")
    response = anon.get("/api/v1/projects/", HTTP_ACCEPT_LANGUAGE="de-DE, en;q=0.8")
    assert response["Content-Language"] == "en"
    assert response.json()["results"][0]["title"] == "Project"
    assert "Accept-Language" in response["Vary"]


def test_unsupported_language_is_400_listing_the_supported_ones(anon):
    response = anon.get("/api/v1/projects/", {"lang": "de"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "unsupported_language"
    assert "fi, sv, en" in body["errors"]["lang"][0]


def test_text_search_uses_the_chosen_language(anon):
    ProjectFactory(title_sv="Smarta städer", title_fi="Älykkäät kaupungit")
    ProjectFactory(title_sv="Annat")
    assert anon.get("/api/v1/projects/", {"q": "smarta", "lang": "sv"}).json()["results"][0]["title"] == "Smarta städer"
    assert anon.get("/api/v1/projects/", {"q": "smarta"}).json()["count"] == 0


# --- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/events/", {"start_after": "tomorrow"}, "start_after"),
        ("/api/v1/events/", {"when": "sometime"}, "when"),
        ("/api/v1/projects/", {"status": "dreaming"}, "status"),
        ("/api/v1/projects/", {"focus_area": "first"}, "focus_area"),
        ("/api/v1/pilots/", {"phase": "x"}, "phase"),
        ("/api/v1/open-calls/", {"state": "x"}, "state"),
        ("/api/v1/cities/", {"country": "SE"}, "country"),
        ("/api/v1/projects/", {"ordering": "budget"}, "ordering"),
    ],
)
def test_invalid_filter_values_are_400_per_field(anon, path, params, field):
    response = anon.get(path, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_malformed_json_is_400(partner_a):
    response = partner_a.post("/api/v1/events/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["status"] == 400


def test_unknown_fields_are_400_and_nothing_changes(partner_a, org_a):
    event = EventFactory(organisers=[org_a], title_en="Before")
    response = partner_a.patch(f"/api/v1/events/{event.pk}/", {"title": {"en": "After"}, "secret": 1}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"secret": ["Unknown field."]}
    event.refresh_from_db()
    assert event.title_en == "Before"


def test_model_validation_errors_are_400_per_field_and_nothing_is_saved(partner_a):
    body = {
        "title": {"en": "Webinar"}, "kind": "webinar", "attendance_mode": "online",
        "start": "2027-05-12T09:00:00Z", "end": "2027-05-12T10:00:00Z",
    }
    response = partner_a.post("/api/v1/events/", body, format="json")
    assert response.status_code == 400
    assert "online_url" in response.json()["errors"]
    assert not Event.objects.exists()


def test_wrong_content_type_is_415(partner_a):
    response = partner_a.post("/api/v1/events/", data="title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_oversize_body_is_413(partner_a, settings):
    settings.API_MAX_BODY_BYTES = 1000
    response = partner_a.post("/api/v1/events/", {"title": {"en": "x" * 2000}}, format="json")
    assert response.status_code == 413
    assert not Event.objects.exists()


def test_errors_stay_json_when_an_export_format_was_asked_for(anon):
    response = anon.get("/api/v1/events/", {"format": "ics", "when": "sometime"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/events/", {"start_after": "0001-01-01T00:00:00+14:00"}),
        ("/api/v1/open-calls/", {"deadline_after": "9999-12-31T23:59:59-14:00"}),
        ("/api/v1/projects/", {"modified_since": "0001-01-01T00:00:00+14:00"}),
    ],
)
def test_values_at_the_edge_of_the_range_are_400_not_500(anon, path, params):
    assert anon.get(path, params).status_code == 400


@pytest.mark.parametrize("value", ["999999", "99999999999999999999999"])
def test_an_unknown_or_out_of_range_id_filters_to_an_empty_list(anon, value):
    # Any integer is a valid id to filter by (the schema says so); one that names nothing matches nothing.
    ProjectFactory()
    for path, name in (("/api/v1/projects/", "focus_area"), ("/api/v1/participations/", "project")):
        response = anon.get(path, {name: value})
        assert response.status_code == 200
        assert response.json()["results"] == []


def test_huge_ids_in_a_kpi_report_are_400(partner_a, org_a):
    pilot = PilotFactory(host=org_a)
    response = partner_a.post(f"/api/v1/pilots/{pilot.pk}/kpi-values/", {"kpi": 10**25, "achieved": "1"}, format="json")
    assert response.status_code == 400
    assert "kpi" in response.json()["errors"]


def test_error_messages_are_english_unless_a_language_is_chosen(partner_a):
    english = partner_a.post("/api/v1/events/", {"title": {"en": "x"}}, format="json").json()
    assert english["errors"]["kind"] == ["This field is required."]
    finnish = partner_a.post("/api/v1/events/?lang=fi", {"title": "x"}, format="json").json()
    assert finnish["errors"]["kind"] != ["This field is required."]


def test_event_times_outside_modern_years_are_400(partner_a):
    body = {"title": {"en": "x"}, "kind": "seminar", "start": "0115-03-24T08:37:41Z", "end": "2026-01-01T00:00:00Z"}
    response = partner_a.post("/api/v1/events/", body, format="json")
    assert response.status_code == 400
    assert "start" in response.json()["errors"]
    assert not Event.objects.exists()


def test_the_limit_slides_over_window_edges_and_counts_in_small_entries(settings, db, time_machine):
    """A sliding window: right after a window in which the limit was reached, the previous
    window still weighs almost fully; two windows later the client starts afresh. The cache
    holds a counter per window, not a time per request."""
    settings.API_THROTTLE_RATES = {"anonymous": "3/minute", "key": "100000/minute"}
    start = 1_800_000_000 - 1_800_000_000 % 60  # the start of a minute
    time_machine.move_to(datetime.fromtimestamp(start + 1, tz=UTC), tick=False)
    client = APIClient(REMOTE_ADDR="203.0.113.78")
    assert [client.get("/api/v1/focus-areas/").status_code for _ in range(4)] == [200, 200, 200, 429]
    time_machine.move_to(datetime.fromtimestamp(start + 61, tz=UTC), tick=False)
    # 3 × 59/60 of the last minute still counts: one more request fits, then none.
    assert [client.get("/api/v1/focus-areas/").status_code for _ in range(2)] == [200, 429]
    assert 0 < int(client.get("/api/v1/focus-areas/")["Retry-After"]) <= 60
    time_machine.move_to(datetime.fromtimestamp(start + 181, tz=UTC), tick=False)
    assert [client.get("/api/v1/focus-areas/").status_code for _ in range(4)] == [200, 200, 200, 429]
    key = AnonymousRateThrottle.cache_format % {"scope": "anonymous", "ident": "203.0.113.78"}
    assert cache.get(f"{key}:{(start + 181) // 60}") == 3
