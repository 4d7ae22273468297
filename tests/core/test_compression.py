"""Responses are gzipped for clients that accept it (GZipMiddleware): gunicorn answers browsers
without a compressing proxy in front. The page cache keeps working: a stored page is compressed
on the way out and its ETag still gives a 304."""

import gzip

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def home(language="en"):
    with translation.override(language):
        return reverse("website:home")


def test_a_page_is_gzipped_when_accepted(client):
    ProjectFactory(title_en="Zipped Twin")
    plain = client.get(home())
    assert "Content-Encoding" not in plain
    zipped = client.get(home(), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert len(zipped.content) < len(plain.content) / 2
    assert gzip.decompress(zipped.content).decode() == plain.content.decode()


def test_a_stored_page_is_gzipped_and_its_etag_still_matches(client):
    client.get(home())
    hit = client.get(home(), HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == "gzip"
    not_modified = client.get(home(), HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=hit["ETag"])
    assert not_modified.status_code == 304 and not not_modified.content


def test_api_json_is_gzipped(client):
    ProjectFactory(title_en="Zipped Twin")
    response = client.get("/api/v1/projects/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert b"Zipped Twin" in gzip.decompress(response.content)


def test_a_hit_sends_the_copy_compressed_when_stored(client, monkeypatch):
    """The fast path's entry keeps the page gzipped: a hit compresses nothing, and its body and
    headers are what GZipMiddleware sends."""
    ProjectFactory(title_en="Zipped Twin")
    first = client.get(home(), HTTP_ACCEPT_ENCODING="gzip")
    calls = []

    def counting(*args, **kwargs):
        calls.append(1)
        return gzip.compress(b"")

    monkeypatch.setattr("django.middleware.gzip.compress_string", counting)
    hit = client.get(home(), HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Page-Cache"] == "hit" and not calls
    assert hit["Content-Encoding"] == "gzip" and "Accept-Encoding" in hit["Vary"]
    assert hit["ETag"].startswith("W/") and hit["Content-Length"] == str(len(hit.content))
    assert gzip.decompress(hit.content) == gzip.decompress(first.content)
    plain = client.get(home())
    assert "Content-Encoding" not in plain and plain.content == gzip.decompress(hit.content)
    not_modified = client.get(home(), HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=hit["ETag"])
    assert not_modified.status_code == 304 and "Content-Encoding" not in not_modified
