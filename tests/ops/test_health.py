import pytest
from django.db import OperationalError

from finest.ops import health
from tests.ops.conftest import fail_soft_cache


def test_liveness_needs_nothing_and_ignores_host_and_https_rules(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_readiness_reports_each_dependency(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_readiness_with_real_redis_cache_and_broker(client, settings, redis_server, use_broker):
    settings.CACHES = fail_soft_cache(redis_server.url)
    use_broker(redis_server.url)
    body = client.get("/readyz").json()
    assert body["checks"]["cache"] == {"ok": True, "ms": body["checks"]["cache"]["ms"]}
    assert body["checks"]["broker"]["ok"] is True
    assert "detail" not in body["checks"]["broker"]


@pytest.mark.django_db
def test_readiness_is_503_when_redis_is_down(client, settings, dead_redis_url, use_broker):
    settings.CACHES = fail_soft_cache(dead_redis_url)
    use_broker(dead_redis_url)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is False
    assert "error" not in body["checks"]["cache"]
    assert body["checks"]["broker"]["ok"] is False
    # No errors at all: no host names or passwords from connection strings, not even the error's type.
    assert "127.0.0.1" not in response.content.decode()
    assert "ConnectionError" not in response.content.decode()


@pytest.mark.django_db
def test_readiness_is_503_when_the_database_fails(client, monkeypatch):
    def broken():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "ms": pytest.approx(0, abs=50)}
