"""How long the login and session records are kept, enforced by a periodic task (finest/ops/tasks.py).

- Sessions: until they expire (SESSION_COOKIE_AGE, at most), then deleted.
- Failed-login attempts (django-axes AccessAttempt): for the lockout's cool-off, then deleted.
- Login records (axes AccessLog and AccessFailureLog: username, address, browser, time):
  LOGIN_RECORD_RETENTION_DAYS days."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone


def purge_expired_records() -> dict[str, int]:
    """Delete what is past its retention; the counts by kind. Running it twice deletes nothing more."""
    now = timezone.now()
    expired_sessions = Session.objects.filter(expire_date__lt=now).count()
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    cool_off = get_cool_off() or timedelta(0)
    kept_since = now - timedelta(days=settings.LOGIN_RECORD_RETENTION_DAYS)
    return {
        "sessions": expired_sessions,
        "attempts": AccessAttempt.objects.filter(attempt_time__lt=now - cool_off).delete()[0],
        "logins": AccessLog.objects.filter(attempt_time__lt=kept_since).delete()[0],
        "failures": AccessFailureLog.objects.filter(attempt_time__lt=kept_since).delete()[0],
    }
