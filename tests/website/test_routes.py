"""Every URL that the sitemap and the API root list reverses, and a route that does
not is a loud error rather than a silently shorter list."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from website import sitemaps
from website.api_urls import RESOURCES, router

LANGUAGES = ["fi", "sv", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sitemap_section_page_reverses_in_every_language(language):
    with translation.override(language):
        for name in sitemaps.STATIC_PAGES:
            assert reverse(name).startswith(f"/{language}/"), name


def test_every_api_root_resource_reverses():
    assert list(RESOURCES) == [prefix for prefix, _viewset, _basename in router.registry]
    for prefix, view_name in RESOURCES.items():
        assert reverse(view_name) == f"/api/v1/{prefix}/"


@pytest.mark.django_db
def test_api_root_lists_every_resource(client):
    data = client.get("/api/v1/").json()
    assert list(data) == [*RESOURCES, "schema", "docs"]


@pytest.mark.django_db
def test_sitemap_with_a_missing_page_fails_loudly(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "STATIC_PAGES", (*sitemaps.STATIC_PAGES, "website:no-such-page"))
    with pytest.raises(NoReverseMatch):
        client.get("/sitemap.xml")


@pytest.mark.django_db
def test_api_root_with_a_missing_resource_fails_loudly(client, monkeypatch):
    monkeypatch.setitem(RESOURCES, "nothing", "api:nothing-list")
    with pytest.raises(NoReverseMatch):
        client.get("/api/v1/")
