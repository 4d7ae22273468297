"""The API's read cache (finest/api/cache.py): 304 after one query, stored answers that a
change replaces at once, and no entry shared across languages, include=, or draft access."""

import pytest
from rest_framework.test import APIClient

from finest.core import pagecache
from finest.core.models import PublishState
from finest.core.permissions import Actor
from finest.core.services import content_update, publishable_unpublish
from tests.factories import ParticipationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["list", "detail"])
def test_a_matching_etag_is_answered_304_with_one_query(anon, kind, django_assert_max_num_queries):
    project = ProjectFactory()
    path = "/api/v1/projects/" if kind == "list" else f"/api/v1/projects/{project.pk}/"
    etag = anon.get(path)["ETag"]
    with django_assert_max_num_queries(1):
        response = anon.get(path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_a_stored_answer_is_served_until_a_change(anon, django_assert_max_num_queries):
    project = ProjectFactory(title_en="Before")
    path = f"/api/v1/projects/{project.pk}/?lang=en"
    assert anon.get(path)["X-API-Cache"] == "miss"
    with django_assert_max_num_queries(1):
        hit = anon.get(path)
    assert hit["X-API-Cache"] == "hit" and hit.json()["title"] == "Before"
    project.title_en = "After"
    content_update(obj=project, actor=Actor.system())
    assert anon.get(path).json()["title"] == "After"


def test_an_unpublished_project_leaves_the_list_at_once(anon):
    project = ProjectFactory()
    assert [item["id"] for item in anon.get("/api/v1/projects/").json()["results"]] == [project.pk]
    publishable_unpublish(obj=project, actor=Actor.system())
    assert anon.get("/api/v1/projects/").json()["results"] == []
    assert anon.get(f"/api/v1/projects/{project.pk}/").status_code == 404


def test_a_renamed_partner_shows_in_the_included_partners(anon):
    participation = ParticipationFactory(partner__name_en="Old Name Oy")
    path = f"/api/v1/projects/{participation.project.pk}/?include=partners&lang=en"
    assert "Old Name Oy" in anon.get(path).content.decode()
    participation.partner.name_en = "New Name Oy"
    content_update(obj=participation.partner, actor=Actor.system())
    assert "New Name Oy" in anon.get(path).content.decode()


def test_languages_and_include_do_not_share_entries(anon):
    project = ProjectFactory(title_fi="Suomeksi", title_en="In English")
    ParticipationFactory(project=project, partner__name_en="Included Oy")
    path = f"/api/v1/projects/{project.pk}/"
    assert anon.get(path, {"lang": "en"}).json()["title"] == "In English"
    assert anon.get(path, {"lang": "fi"}).json()["title"] == "Suomeksi"
    assert anon.get(path, HTTP_ACCEPT_LANGUAGE="fi").json()["title"] == "Suomeksi"
    assert anon.get(path, HTTP_ACCEPT_LANGUAGE="en").json()["title"] == "In English"
    assert "Included Oy" not in anon.get(path, {"lang": "en"}).content.decode()
    assert "Included Oy" in anon.get(path, {"lang": "en", "include": "partners"}).content.decode()
    assert "Included Oy" not in anon.get(path, {"lang": "en"}).content.decode()


def test_a_key_that_sees_drafts_is_never_cached_nor_shared(anon, partner_a, org_a):
    draft = ProjectFactory(title_en="Draft of A", state=PublishState.DRAFT, published_at=None)
    ParticipationFactory(project=draft, partner=org_a)
    own = partner_a.get("/api/v1/projects/", {"lang": "en"})
    assert "Draft of A" in own.content.decode()
    assert "X-API-Cache" not in own
    public = anon.get("/api/v1/projects/", {"lang": "en"})
    assert "Draft of A" not in public.content.decode()
    assert public["ETag"] != own["ETag"]


def test_a_read_key_has_entries_of_its_own(anon, partner_a_read_only):
    ProjectFactory()
    public = anon.get("/api/v1/projects/")
    keyed = partner_a_read_only.get("/api/v1/projects/")
    assert public["X-API-Cache"] == keyed["X-API-Cache"] == "miss"


def test_cache_off_keeps_the_validators(anon, settings):
    settings.PAGE_CACHE = False
    ProjectFactory()
    first = anon.get("/api/v1/projects/")
    assert "X-API-Cache" not in first
    assert anon.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_redis_down_api_answers(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "finest.ops.cache.FailSoftRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2, "retry_after": 60},
        }
    }
    project = ProjectFactory(title_en="Before")
    client = APIClient()
    assert client.get(f"/api/v1/projects/{project.pk}/?lang=en").json()["title"] == "Before"
    project.title_en = "After"
    content_update(obj=project, actor=Actor.system())
    assert client.get(f"/api/v1/projects/{project.pk}/?lang=en").json()["title"] == "After"


# --- the fast path (PageCacheMiddleware): anonymous answers before DRF ---------------------------


@pytest.mark.parametrize("kind", ["list", "detail"])
def test_an_anonymous_hit_is_answered_early_with_one_query(anon, kind, fast_answers, rendered_templates, django_assert_max_num_queries):
    project = ProjectFactory(title_en="Early")
    path = "/api/v1/projects/" if kind == "list" else f"/api/v1/projects/{project.pk}/"
    first = anon.get(path)
    assert first["X-API-Cache"] == "miss" and fast_answers == []
    with django_assert_max_num_queries(1):
        hit = anon.get(path)
    assert fast_answers == [path] and rendered_templates == []
    assert hit["X-API-Cache"] == "hit" and hit.content == first.content
    for name in ("ETag", "Last-Modified", "Vary", "Content-Language", "Content-Type"):
        assert hit[name] == first[name], name
    with django_assert_max_num_queries(1):
        not_modified = anon.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"] and len(fast_answers) == 2


def test_an_early_answer_follows_each_kind_of_change(anon, fast_answers):
    project = ProjectFactory(title_en="First")
    participation = ParticipationFactory(project=project, partner__name_en="Partner Before Oy")
    path = f"/api/v1/projects/{project.pk}/?lang=en&include=partners"
    anon.get(path)
    assert anon.get(path).json()["title"] == "First" and fast_answers
    project.title_en = "Edited"
    content_update(obj=project, actor=Actor.system())
    assert anon.get(path).json()["title"] == "Edited"
    participation.partner.name_en = "Partner After Oy"
    content_update(obj=participation.partner, actor=Actor.system())
    anon.get(path)
    assert "Partner After Oy" in anon.get(path).content.decode()
    publishable_unpublish(obj=project, actor=Actor.system())
    assert anon.get(path).status_code == 404
    assert anon.get("/api/v1/projects/").json()["results"] == []


def test_early_answers_keep_languages_formats_and_origins_apart(anon):
    project = ProjectFactory(title_fi="Suomeksi", title_en="In English")
    path = f"/api/v1/projects/{project.pk}/"
    for _round in range(2):
        assert anon.get(path, HTTP_ACCEPT_LANGUAGE="fi").json()["title"] == "Suomeksi"
        assert anon.get(path, HTTP_ACCEPT_LANGUAGE="en").json()["title"] == "In English"
        assert anon.get(path, HTTP_ACCEPT="text/csv")["Content-Type"].startswith("text/csv")
        assert anon.get(path, HTTP_ORIGIN="https://partner.example")["Access-Control-Allow-Origin"] in ("*", "https://partner.example")
        assert "Access-Control-Allow-Origin" not in anon.get(path)


def test_a_key_is_never_answered_from_an_anonymous_entry(anon, partner_a, org_a, fast_answers):
    draft = ProjectFactory(title_en="Draft of A", state=PublishState.DRAFT, published_at=None)
    ParticipationFactory(project=draft, partner=org_a)
    for _round in range(2):
        assert "Draft of A" not in anon.get("/api/v1/projects/?lang=en").content.decode()
    assert len(fast_answers) == 1
    own = partner_a.get("/api/v1/projects/?lang=en")
    assert "Draft of A" in own.content.decode() and "X-Page-Cache" not in own
    also_own = anon.get("/api/v1/projects/?lang=en", HTTP_X_API_KEY=partner_a._credentials["HTTP_AUTHORIZATION"].split(" ", 1)[1])
    assert "Draft of A" in also_own.content.decode()
    assert len(fast_answers) == 1


def test_early_answers_count_against_the_anonymous_throttle(settings, fast_answers):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "anonymous": "3/minute"}
    ProjectFactory()
    client = APIClient()
    statuses = [client.get("/api/v1/projects/").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert len(fast_answers) == 2


def test_an_api_change_while_the_shared_cache_is_away_is_seen_when_it_is_back(anon, shared_cache_away):
    project = ProjectFactory(title_en="Old")
    path = f"/api/v1/projects/{project.pk}/?lang=en"
    anon.get(path)
    assert anon.get(path).json()["title"] == "Old"
    with shared_cache_away():
        project.title_en = "New"
        content_update(obj=project, actor=Actor.system())
    pagecache.clear()  # another process: only the shared cache's (old) entries
    assert anon.get(path).json()["title"] == "New"
