"""Faults: Redis going away (the cache and the broker), and PostgreSQL dropping its connections."""

import base64
import json
import time

import psycopg
import pytest
from django.core import mail
from django.db import close_old_connections, connection
from django.urls import reverse

from newsletter.models import Subscriber, SubscriberStatus
from tests import factories
from tests.ops.conftest import fail_soft_cache


@pytest.fixture
def content(db):
    area = factories.FocusAreaFactory()
    project = factories.ProjectFactory()
    article = factories.ArticleFactory()
    event = factories.EventFactory()
    partner = factories.PartnerFactory()
    return {"area": area, "project": project, "article": article, "event": event, "partner": partner}


def public_urls(content) -> list[str]:
    return [
        "/fi/",
        reverse("projects:list"),
        content["project"].get_absolute_url(),
        reverse("news:list"),
        content["article"].get_absolute_url(),
        content["event"].get_absolute_url(),
        content["partner"].get_absolute_url(),
        "/fi/?q=data",
        "/api/v1/",
        "/api/v1/projects/",
        f"/api/v1/projects/{content['project'].public_id}/",
        "/api/v1/news/",
        "/api/v1/events/",
    ]


def drain_queue(app) -> list[str]:
    """Does what a worker does once Redis is back: takes each waiting message and runs its task."""
    ran = []
    with app.connection_for_read() as conn:
        client = conn.default_channel.client
        while (raw := client.rpop("celery")) is not None:
            message = json.loads(raw)
            body = message["body"]
            if message["properties"].get("body_encoding") == "base64":
                body = base64.b64decode(body)
            args, kwargs, _embed = json.loads(body)
            name = message["headers"]["task"]
            app.tasks[name].apply(args=args, kwargs=kwargs)
            ran.append(name)
    return ran


@pytest.mark.django_db(transaction=True)
def test_pages_and_api_answer_while_redis_is_down(client, settings, redis_server, use_broker, content):
    settings.CACHES = fail_soft_cache(redis_server.url)
    use_broker(redis_server.url)
    urls = public_urls(content)
    for url in urls:
        assert client.get(url).status_code == 200, url

    redis_server.stop()
    started = time.perf_counter()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    # Slower at most by one connect timeout per retry window, not one per cache call.
    assert time.perf_counter() - started < 10

    redis_server.start()
    time.sleep(0.6)
    assert client.get("/readyz").status_code == 200


def test_subscription_made_while_redis_is_down_is_kept_and_confirmed_when_it_is_back(
    client, settings, redis_server, use_broker, content
):
    settings.CACHES = fail_soft_cache(redis_server.url)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    app = use_broker(redis_server.url)
    redis_server.stop()

    client.raise_request_exception = False
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": "Reader@Example.org", "language": "fi", "focus_areas": [content["area"].pk], "consent": "on"},
    )
    assert response.status_code == 302, response.status_code
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.status == SubscriberStatus.PENDING
    assert mail.outbox == []

    redis_server.start()
    # Worker and beat are back: beat's periodic tasks are published, and everything queued is run.
    # A worker imports every app's tasks module at start; do the same, so each beat task is known.
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        app.tasks[entry["task"]].delay()
    drain_queue(app)

    assert [message.to for message in mail.outbox] == [["reader@example.org"]]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_requests_succeed_after_postgresql_drops_the_connections(client, content):
    assert connection.vendor == "postgresql", (
        "This fault test needs DATABASE_URL=postgres://...; `make test` starts a throwaway PostgreSQL and Redis."
    )
    url = content["project"].get_absolute_url()
    assert client.get(url).status_code == 200
    old_pid = connection.connection.info.backend_pid

    # What a PostgreSQL restart does to every open connection, without restarting the shared server.
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [old_pid])

    for _ in range(3):
        # Django runs this at the start of every request; with CONN_HEALTH_CHECKS the dead
        # connection is noticed before the view's first query instead of failing it.
        close_old_connections()
        assert client.get(url).status_code == 200
    assert connection.connection.info.backend_pid != old_pid
