"""Rate limits per API key and per anonymous client address.

The rates are read from ``settings.API_THROTTLE_RATES`` on every request (not
frozen at import), so deployments and tests can change them."""

from __future__ import annotations

import contextlib

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


class _SlidingWindowThrottle(_SettingsRateThrottle):
    """DRF's throttle keeps every request's time of the last window in one cache entry, read and
    written whole on each request: its cost grows with the rate allowed. This one counts per
    fixed window and weighs the previous window by how much of it still overlaps the sliding
    one (the usual sliding-window counter), so each request costs one read of two counters and
    one increment. With the cache away nothing is counted and nobody is throttled, as before."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        current, previous = f"{self.key}:{window}", f"{self.key}:{window - 1}"
        counts = self.cache.get_many([current, previous])
        self.elapsed = (self.now % self.duration) / self.duration
        self.counted = (counts.get(previous, 0), counts.get(current, 0))
        if self.counted[0] * (1 - self.elapsed) + self.counted[1] >= self.num_requests:
            return self.throttle_failure()
        # Kept for two windows: it is the previous window's count during the next one.
        self.cache.add(current, 0, 2 * self.duration)
        # A ValueError: expired or evicted between the two calls, or the cache is away: not counted.
        with contextlib.suppress(ValueError):
            self.cache.incr(current)
        return self.throttle_success()

    def throttle_success(self):
        return True

    def wait(self):
        """Seconds until the estimate drops below the limit, if no other request comes."""
        previous, current = self.counted
        remaining = self.duration * (1 - self.elapsed)
        if current >= self.num_requests or previous == 0:
            # Only the next window (or the one after it) forgets this one's requests.
            return remaining + (self.duration if current >= self.num_requests else 0)
        # The previous window's weight falls linearly to 0 over the rest of this window.
        excess = previous * (1 - self.elapsed) + current - self.num_requests + 1
        return max(1.0, min(remaining, self.duration * excess / previous))


class AnonymousRateThrottle(_SlidingWindowThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        # Also asked with the plain HttpRequest of an answer from the page cache's fast path,
        # which has no ``auth``: it serves anonymous requests only.
        if getattr(request, "auth", None) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class APIKeyRateThrottle(_SlidingWindowThrottle):
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
