"""The review's low items and the ASVS L2 expectations: robots.txt, the feed, readiness,
redacted request logs, record clean-up, security.txt, the idle timeout and default 2FA."""

import logging
import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from finest.ops import health
from finest.ops.gunicorn import RedactingLogger
from finest.ops.logging import RedactTokensFilter
from finest.ops.retention import purge_expired_records
from finest.ops.sessions import LAST_SEEN
from finest.ops.tasks import purge_login_records
from tests.factories import ArticleFactory, StaffUserFactory
from tests.ops.test_settings import production_settings

pytestmark = pytest.mark.django_db


def test_robots_txt_does_not_publish_a_secret_admin_url(client, settings):
    settings.ADMIN_URL = "hallinto-7f3a/"
    assert "hallinto-7f3a" not in client.get("/robots.txt").content.decode()
    settings.ADMIN_URL = "admin/"
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()


def test_the_feed_carries_sanitised_html_only(client):
    ArticleFactory(lead_fi='<script>alert(1)</script><img src=x onerror="alert(2)"><b>Tärkeää</b>')
    with translation.override("fi"):
        content = client.get(reverse("news:feed")).content.decode()
    assert "Tärkeää" in content
    assert "alert" not in content and "onerror" not in content


@pytest.mark.parametrize(
    ("meta", "status"),
    [
        ({"REMOTE_ADDR": "127.0.0.1"}, 200),
        ({"REMOTE_ADDR": "::1"}, 200),
        ({"REMOTE_ADDR": "203.0.113.5"}, 404),
        # A proxy on the same machine connects from loopback on the public's behalf.
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, 404),
        ({"REMOTE_ADDR": "203.0.113.5", "HTTP_X_READINESS_TOKEN": "wrong"}, 404),
        ({"REMOTE_ADDR": "203.0.113.5", "HTTP_X_READINESS_TOKEN": "s3cret-probe"}, 200),
    ],
)
def test_readiness_answers_loopback_and_token_holders_only(client, settings, meta, status):
    settings.READINESS_TOKEN = "s3cret-probe"
    response = client.get("/readyz", **meta)
    assert response.status_code == status
    if status == 404:
        assert "checks" not in response.json()


def test_readiness_shows_no_error_types(client, monkeypatch):
    def broken():
        raise RuntimeError("password=hunter2")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"ok": False, "ms": response.json()["checks"]["cache"]["ms"]}
    assert "RuntimeError" not in response.content.decode()


def manage_path() -> str:
    token = signing.dumps([7, "a" * 20], salt="manage")
    return f"/fi/uutiskirje/peru-tilaus/{token}/", token


def test_request_log_lines_hold_no_manage_tokens(rf):
    path, token = manage_path()
    request = rf.get(path)
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", (path,), None)
    record.request = request
    assert RedactTokensFilter().filter(record)
    assert token not in record.getMessage() and "[redacted]" in record.getMessage()
    assert token not in record.request


def test_the_access_log_holds_no_manage_tokens():
    path, token = manage_path()
    logger = RedactingLogger(SimpleNamespace(
        errorlog="-", loglevel="info", accesslog=None, syslog=False, logconfig=None, logconfig_dict={},
        logconfig_json=None, capture_output=False, disable_redirect_access_to_syslog=False, user=0, group=0,
        access_log_format="", syslog_addr=None, syslog_prefix=None, syslog_facility="user", statsd_host=None,
    ))
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": path, "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": path,
               "QUERY_STRING": "", "HTTP_REFERER": f"https://portal.example{path}"}
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])]), environ, timedelta(seconds=1))
    assert not [name for name, value in atoms.items() if isinstance(value, str) and token in value]


def test_old_sessions_attempts_and_login_records_are_purged(settings):
    settings.LOGIN_RECORD_RETENTION_DAYS = 90
    now = timezone.now()
    expired, live = SessionStore(), SessionStore()
    expired.set_expiry(-10)
    expired.create()
    live.create()
    AccessAttempt.objects.create(
        username="a", ip_address="192.0.2.1", user_agent="", failures_since_start=3,
        get_data="", post_data="", http_accept="", path_info="",
    )
    AccessAttempt.objects.update(attempt_time=now - timedelta(hours=2))
    old = AccessLog.objects.create(username="a", ip_address="192.0.2.1", user_agent="", http_accept="", path_info="")
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=now - timedelta(days=91))
    recent = AccessLog.objects.create(username="b", ip_address="192.0.2.2", user_agent="", http_accept="", path_info="")
    purge_login_records.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert not AccessAttempt.objects.exists()
    assert list(AccessLog.objects.all()) == [recent]
    assert purge_expired_records() == {"sessions": 0, "attempts": 0, "logins": 0, "failures": 0}


def test_beat_runs_the_purge(settings):
    assert any(entry["task"] == "finest.ops.tasks.purge_login_records" for entry in settings.CELERY_BEAT_SCHEDULE.values())


@time_machine.travel(datetime(2026, 12, 2, 12, 0, tzinfo=UTC), tick=False)
def test_security_txt_follows_rfc_9116(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@finesttwins.example"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Contact: mailto:security@finesttwins.example" in text
    expires = datetime.fromisoformat(re.search(r"^Expires: (\S+)$", text, re.M).group(1))
    assert timedelta(days=30) < expires - timezone.now() < timedelta(days=365)


def test_an_idle_staff_session_ends(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    settings.SESSION_IDLE_TIMEOUT = 1800
    client.force_login(StaffUserFactory())
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get(reverse("admin:index")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get(reverse("admin:index")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
        response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    assert LAST_SEEN not in client.session


def test_a_busy_staff_session_still_ends_after_the_absolute_limit(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    settings.SESSION_COOKIE_AGE = 3600
    client.force_login(StaffUserFactory())
    start = timezone.now()
    for minutes in range(0, 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("admin:index")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert client.get(reverse("admin:index")).status_code == 302


def test_two_factor_login_is_required_by_default_in_production_only(tmp_path):
    assert production_settings(tmp_path, "ADMIN_REQUIRE_2FA")["ADMIN_REQUIRE_2FA"] is True
    assert production_settings(tmp_path, "ADMIN_REQUIRE_2FA", DEBUG="1")["ADMIN_REQUIRE_2FA"] is False
    assert production_settings(tmp_path, "ADMIN_REQUIRE_2FA", ADMIN_REQUIRE_2FA="0")["ADMIN_REQUIRE_2FA"] is False


def test_the_privacy_page_states_how_long_login_records_are_kept(client, settings):
    settings.LOGIN_RECORD_RETENTION_DAYS = 45
    with translation.override("fi"):
        page = client.get(reverse("website:privacy")).content.decode()
    assert "säilytetään 45 päivää" in page
