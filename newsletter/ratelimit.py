"""Sliding-window limits counted in the database, so they hold without Redis,
across processes and across restarts. Keys are stored only as keyed hashes."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .models import RateLimitHit
from .tokens import keyed_hash

SIGNUP_PER_IP = "signup-ip"
CONFIRMATION_PER_ADDRESS = "confirm-address"


def hit(scope: str, key: str, *, limit: int, window: timedelta) -> bool:
    """Count one event for ``key``; False (and nothing counted) when the limit is already reached.
    Two requests racing at the limit may both pass: the limit is a flood guard, not a quota."""
    key_hash = keyed_hash(f"{scope}:{key}")
    now = timezone.now()
    used = RateLimitHit.objects.filter(scope=scope, key_hash=key_hash, at__gt=now - window).count()
    if used >= limit:
        return False
    RateLimitHit.objects.create(scope=scope, key_hash=key_hash, at=now)
    return True


def purge(*, older_than: timedelta) -> int:
    deleted, _by_model = RateLimitHit.objects.filter(at__lt=timezone.now() - older_than).delete()
    return deleted
