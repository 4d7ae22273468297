"""Writes about partner organisations and their API keys."""

from __future__ import annotations

import hmac
from datetime import timedelta

from django.utils import timezone

from .models import PartnerAPIKey

# Recording every request would turn each API read into a write; a minute is
# precise enough for staff to see whether a key is still in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def api_key_authenticate(*, raw_key: str) -> PartnerAPIKey | None:
    """The active key for ``raw_key`` ("<prefix>.<secret>"), or None.

    Only the SHA-256 hash of the whole key is stored; the prefix finds the row and
    the hash is compared in constant time."""
    prefix, separator, secret = (raw_key or "").strip().partition(".")
    if not separator or not secret or len(prefix) != PartnerAPIKey.PREFIX_LENGTH:
        return None
    key = PartnerAPIKey.objects.active().select_related("organisation").filter(prefix=prefix).first()
    if key is None or not hmac.compare_digest(key.hashed_key, PartnerAPIKey.hash_secret(f"{prefix}.{secret}")):
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        # update() rather than save(): a key's use is not a content change for the change log.
        PartnerAPIKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
