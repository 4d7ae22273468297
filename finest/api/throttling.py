"""Rate limits per API key and per anonymous client address.

The rates are read from ``settings.API_THROTTLE_RATES`` on every request (not
frozen at import), so deployments and tests can change them."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from finest.core.clientaddr import client_address


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # DRF's own get_ident trusts every X-Forwarded-For entry unless NUM_PROXIES is set;
        # the portal has one trusted answer for all its limits.
        return client_address(request)


class AnonymousRateThrottle(_SettingsRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        # Also asked with the plain HttpRequest of an answer from the page cache's fast path,
        # which has no ``auth``: it serves anonymous requests only.
        if getattr(request, "auth", None) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class APIKeyRateThrottle(_SettingsRateThrottle):
    scope = "key"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.prefix}


class InvalidKeyThrottle(_SettingsRateThrottle):
    """Counts wrong API keys per client address. Authentication fails before DRF's throttles
    run, so the authentication class asks this one itself: once an address has sent too many
    wrong keys, it is refused (429) until the window passes, even with a right key, so guessing
    secrets gains nothing."""

    scope = "invalid_key"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def _load(self, request) -> None:
        self.key = self.get_cache_key(request, None)
        self.now = self.timer()
        self.history = [at for at in self.cache.get(self.key, []) if at > self.now - self.duration]

    def exhausted(self, request) -> bool:
        if self.rate is None:
            return False
        self._load(request)
        return len(self.history) >= self.num_requests

    def record_failure(self, request) -> None:
        if self.rate is None:
            return
        self._load(request)
        self.history.insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)
