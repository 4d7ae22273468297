"""No stale read across processes: two gunicorn workers, each with its own in-process copies in
front of the shared Redis cache, serve the public pages and the API while content is edited,
unpublished and published again through the services. Every read after a commit must show it,
from whichever worker answers. On PostgreSQL, with the test database committed (the workers are
other processes)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import translation

from finest.core.permissions import Actor
from finest.core.services import content_update, publishable_publish, publishable_unpublish
from tests.factories import ProjectFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
# Several reads of each URL per step, on new connections, so both workers answer and keep copies.
READS = 6


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


HITS: list[str] = []


def _get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path, headers={"Connection": "close", "Accept-Language": "fi"})
        response = conn.getresponse()
        if "hit" in (response.getheader("X-Page-Cache"), response.getheader("X-API-Cache")):
            HITS.append(path)
        return response.status, response.read().decode()
    finally:
        conn.close()


@pytest.fixture
def workers():
    assert connection.vendor == "postgresql", "needs PostgreSQL: DATABASE_URL=postgres://..."
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    redis_url = settings.CACHES["default"].get("LOCATION") or os.environ["REDIS_URL"]
    port = _free_port()
    env = {
        # DEBUG off, as in production: queries are not logged, so the versions are read through the
        # driver directly (finest/core/versions.py); TESTING keeps plain HTTP and unhashed static files.
        **os.environ, "DEBUG": "", "TESTING": "1", "DATABASE_URL": database_url,
        "REDIS_URL": os.environ["REDIS_URL"], "CACHE_REDIS_URL": redis_url, "PAGE_CACHE": "1",
    }
    server = subprocess.Popen(
        # Through tests.clockshift, so that the workers see the session's clock (--clock-shift-days).
        [sys.executable, "-m", "tests.clockshift", "gunicorn", "finest.wsgi", "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
        connection.close()


def _urls(project) -> dict[str, str]:
    with translation.override("fi"):
        return {
            "page": project.get_absolute_url(),
            "list": reverse("projects:list"),
            "api": f"/api/v1/projects/{project.public_id}/?lang=fi",
            "api list": "/api/v1/projects/?lang=fi",
        }


def _every_read(port: int, urls: dict[str, str], *, shows: str | None, not_shows: str) -> None:
    """Each URL read READS times: ``shows`` on every page, or, with None, the object's own page and
    API answer gone and the lists without it; ``not_shows`` nowhere."""
    for kind, path in urls.items():
        for _ in range(READS):
            status, body = _get(port, path)
            if shows is None and kind in ("page", "api"):
                assert status in (404, 410), (kind, status)
                continue
            assert status == 200, (kind, status)
            assert not_shows not in body, (kind, "stale", not_shows)
            if shows is not None:
                assert shows in body, (kind, "missing", shows)


def test_edits_and_unpublishing_are_never_read_stale_from_any_worker(workers):
    HITS.clear()
    project = ProjectFactory(title_fi="Alkuperainen nimi", title_en="Original name")
    urls = _urls(project)
    _every_read(workers, urls, shows="Alkuperainen nimi", not_shows="Uusi nimi")

    for round_number in range(3):
        old, new = project.title_fi, f"Uusi nimi {round_number}"
        project.title_fi = new
        content_update(obj=project, actor=Actor.system())
        _every_read(workers, urls, shows=new, not_shows=old)

    publishable_unpublish(obj=project, actor=Actor.system())
    _every_read(workers, urls, shows=None, not_shows=project.title_fi)

    project.refresh_from_db()
    publishable_publish(obj=project, actor=Actor.system())
    _every_read(workers, urls, shows=project.title_fi, not_shows="Alkuperainen nimi")
    # The reads were answered from the caches, or this proved nothing.
    assert set(HITS) == set(urls.values()), HITS
