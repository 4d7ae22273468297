"""Liveness (/healthz) and readiness (/readyz).

Both answer from a middleware placed first, before host validation and the HTTPS redirect, so the
container's health check can call them on 127.0.0.1 over plain HTTP. Readiness tells which
components are down, so it answers only a direct loopback connection or a caller with
READINESS_TOKEN; to anyone else it does not exist (404). It never shows the errors themselves:
those go to the log."""

import hmac
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from finest.celery import app as celery_app

logger = logging.getLogger(__name__)

HEALTH_PATHS = {"/healthz": "healthz", "/readyz": "readyz"}


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        detail = check()
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"; the type is logged, not answered
        logger.warning("Readiness check failed", extra={"check": getattr(check, "__name__", ""), "error": type(error).__name__})
        return {"ok": False, "ms": round((time.perf_counter() - started) * 1000, 1)}
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
    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=settings.READINESS_TIMEOUT)
    return None


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def may_see_readiness(request) -> bool:
    token = settings.READINESS_TOKEN
    given = request.headers.get("X-Readiness-Token", "")
    if token and given and hmac.compare_digest(given.encode(), token.encode()):
        return True
    # A proxy on the same machine also connects from loopback, but it adds X-Forwarded-For.
    if request.META.get("HTTP_X_FORWARDED_FOR"):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
def readyz(request):
    if not may_see_readiness(request):
        return JsonResponse({"status": "not found"}, status=404)
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
