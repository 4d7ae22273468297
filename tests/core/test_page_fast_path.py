"""The page cache's fast path (PageCacheMiddleware, finest/core/pagecache.py): a stored page is
answered before the rest of the stack with the same headers, checked against the database's
versions on every request, never for a session, and 304 for a matching ETag."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from finest.core import pagecache
from finest.core.permissions import Actor
from finest.core.services import content_update
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PER_REQUEST = {"x-request-id", "x-page-cache"}


def projects_url(language="en"):
    with translation.override(language):
        return reverse("projects:list")


def headers(response):
    return {name.lower(): value for name, value in response.items() if name.lower() not in PER_REQUEST}


def test_a_stored_page_is_answered_early_with_the_same_headers(client, fast_answers, django_assert_max_num_queries):
    ProjectFactory(title_en="Fast Twin")
    first = client.get(projects_url())
    assert first["X-Page-Cache"] == "miss" and fast_answers == []
    with django_assert_max_num_queries(1):
        again = client.get(projects_url())
    assert fast_answers == [projects_url()]
    assert again.status_code == 200 and again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert headers(again) == headers(first)
    for name in ("Content-Security-Policy", "Content-Language", "X-Frame-Options", "ETag", "X-Request-ID"):
        assert name in again, name


def test_a_change_is_seen_at_once(client, fast_answers):
    project = ProjectFactory(title_en="Before Twin")
    client.get(projects_url())
    assert b"Before Twin" in client.get(projects_url()).content
    project.title_en = "After Twin"
    content_update(obj=project, actor=Actor.system())
    page = client.get(projects_url())
    assert b"After Twin" in page.content and b"Before Twin" not in page.content
    assert len(fast_answers) == 1  # the stale entry was not used; the new one is stored
    assert b"After Twin" in client.get(projects_url()).content
    assert len(fast_answers) == 2


def test_languages_do_not_share_entries(client):
    ProjectFactory(title_fi="Suomeksi", title_en="In English")
    for _round in range(2):
        assert b"In English" in client.get(projects_url("en")).content
        assert b"Suomeksi" in client.get(projects_url("fi")).content
        assert client.get(projects_url("fi"))["Content-Language"] == "fi"


def test_a_session_takes_the_normal_path(client, fast_answers):
    client.get(projects_url())
    client.cookies["sessionid"] = "anything"
    assert client.get(projects_url()).status_code == 200
    assert fast_answers == []


def test_a_matching_etag_is_a_304_until_the_page_changes(client):
    project = ProjectFactory(title_en="Tagged Twin")
    etag = client.get(projects_url())["ETag"]
    not_modified = client.get(projects_url(), HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag and "Content-Security-Policy" in not_modified
    project.title_en = "Retagged Twin"
    content_update(obj=project, actor=Actor.system())
    changed = client.get(projects_url(), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and b"Retagged Twin" in changed.content
    assert changed["ETag"] != etag


def test_with_the_shared_cache_down_no_stale_page_is_served(client, monkeypatch):
    project = ProjectFactory(title_en="Kept Twin")
    client.get(projects_url())
    # Redis unreachable: every call a miss, nothing stored. The process's own copy remains.
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: None)
    assert b"Kept Twin" in client.get(projects_url()).content
    project.title_en = "Changed Twin"
    content_update(obj=project, actor=Actor.system())
    page = client.get(projects_url())
    assert b"Changed Twin" in page.content and b"Kept Twin" not in page.content


def test_an_unknown_host_is_refused_not_served(client):
    client.get(projects_url())
    assert client.get(projects_url(), HTTP_HOST="evil.example").status_code == 400


def test_a_signed_in_editor_never_gets_the_stored_page(client, admin_user, fast_answers):
    client.get(projects_url())
    client.force_login(admin_user)
    response = client.get(projects_url())
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert fast_answers == []


@pytest.mark.parametrize("page", ["home", "list", "detail"])
def test_a_hit_runs_one_query_and_renders_no_template(client, page, rendered_templates, django_assert_max_num_queries):
    project = ProjectFactory(title_en="Counted Twin")
    with translation.override("en"):
        url = {"home": reverse("website:home"), "list": reverse("projects:list"), "detail": project.get_absolute_url()}[page]
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert rendered_templates  # the miss renders
    rendered_templates.clear()
    with django_assert_max_num_queries(1):
        hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit" and hit.content == first.content
    assert rendered_templates == []


def test_a_change_while_the_shared_cache_is_away_is_seen_when_it_is_back(client, shared_cache_away):
    """Redis goes away, a change commits meanwhile, Redis comes back holding the old page: the
    versions come from the database, so the old entry is never served."""
    project = ProjectFactory(title_en="Old Twin")
    client.get(projects_url())
    assert b"Old Twin" in client.get(projects_url()).content
    with shared_cache_away():
        project.title_en = "New Twin"
        content_update(obj=project, actor=Actor.system())
    pagecache.clear()  # another process: only the shared cache's (old) entries
    page = client.get(projects_url())
    assert b"New Twin" in page.content and b"Old Twin" not in page.content
