"""Idle and absolute limits for signed-in sessions (OWASP ASVS 3.3).

A staff session ends after SESSION_IDLE_TIMEOUT seconds without a request, and in any case
SESSION_COOKIE_AGE seconds after sign-in, however active. The activity time is written at most
once a minute, so an active session does not cost a database write per request."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

LAST_SEEN = "_last_seen"
SIGNED_IN = "_signed_in_at"
# How stale the recorded activity time may get before it is written again.
WRITE_EVERY_SECONDS = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._enforce(request)
        return self.get_response(request)

    @staticmethod
    def _enforce(request) -> None:
        session = request.session
        now = int(time.time())
        last_seen = session.get(LAST_SEEN, now)
        signed_in = session.setdefault(SIGNED_IN, now)
        if now - last_seen > settings.SESSION_IDLE_TIMEOUT or now - signed_in > settings.SESSION_COOKIE_AGE:
            logout(request)
            return
        if LAST_SEEN not in session or now - last_seen >= WRITE_EVERY_SECONDS:
            session[LAST_SEEN] = now
