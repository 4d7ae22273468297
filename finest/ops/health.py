"""Liveness (/healthz) and readiness (/readyz).

Both answer from a middleware placed first, before host validation and the HTTPS redirect, so the
container's health check can call them on 127.0.0.1 over plain HTTP."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

HEALTH_PATHS = {"/healthz": "healthz", "/readyz": "readyz"}


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        detail = check()
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"; the type is reported, not the message
        return {"ok": False, "error": type(error).__name__, "ms": round((time.perf_counter() - started) * 1000, 1)}
    result = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    if detail:
        result["detail"] = detail
    return result


def check_database() -> str | None:
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return None


def check_cache() -> str | None:
    ping = getattr(cache, "ping", None)
    if ping is not None:
        ping()
        return None
    key = "readyz:probe"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return the value just stored")
    return "in-process"


def check_broker() -> str | None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # Without a broker the tasks run in the request; nothing to reach.
        return "in-process"
    from finest.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=settings.READINESS_TIMEOUT)
    return None


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    checks = {name: _timed(check) for name, check in CHECKS.items()}
    ready = all(result["ok"] for result in checks.values())
    response = JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
    if not ready:
        # A load balancer polls this every few seconds: one warning per failed probe, not an error
        # from django.request each time (which Sentry would turn into an event per probe).
        failing = sorted(name for name, result in checks.items() if not result["ok"])
        logger.warning("Not ready", extra={"failing": ",".join(failing)})
        response._has_been_logged = True
    return response


VIEWS = {"healthz": healthz, "readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = HEALTH_PATHS.get(request.path_info.rstrip("/") or "/")
        if name is not None and request.method in {"GET", "HEAD"}:
            return VIEWS[name](request)
        return self.get_response(request)
