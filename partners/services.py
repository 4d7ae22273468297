"""Partner organisations' API keys: creating, revoking and checking them. (The
organisations themselves are content, saved by the admin through the shared content
services in finest.core.services.)

A key is shown to staff once as ``<prefix>.<secret>``. Only the prefix (to find the
row) and a SHA-256 hash of the whole key are stored, so a leaked database does not
leak usable keys."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import APIKeyScope, Partner, PartnerAPIKey

# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
_PREFIX_ATTEMPTS = 10


def _new_prefix() -> str:
    for _attempt in range(_PREFIX_ATTEMPTS):
        prefix = secrets.token_hex(PartnerAPIKey.PREFIX_LENGTH // 2)
        if not PartnerAPIKey.objects.filter(prefix=prefix).exists():
            return prefix
    raise RuntimeError("Could not find a free API key prefix.")


@transaction.atomic
def api_key_create(
    *,
    organisation: Partner | None,
    name: str,
    scope: str = APIKeyScope.READ,
    is_staff_key: bool = False,
    expires_at: datetime | None = None,
) -> tuple[PartnerAPIKey, str]:
    """Create a key and return it with its plain text, which is never stored. Without
    ``expires_at`` it expires after API_KEY_MAX_AGE_DAYS (0: never)."""
    if expires_at is None and settings.API_KEY_MAX_AGE_DAYS > 0:
        expires_at = timezone.now() + timedelta(days=settings.API_KEY_MAX_AGE_DAYS)
    prefix = _new_prefix()
    raw = f"{prefix}.{PartnerAPIKey.generate_secret()}"
    key = PartnerAPIKey(
        organisation=organisation,
        name=name,
        scope=scope,
        is_staff_key=is_staff_key,
        expires_at=expires_at,
        prefix=prefix,
        hashed_key=PartnerAPIKey.hash_secret(raw),
    )
    key.full_clean()
    key.save()
    return key, raw


@transaction.atomic
def api_key_rotate(*, key: PartnerAPIKey) -> tuple[PartnerAPIKey, str]:
    """Replace ``key`` by a new one with the same owner, name and scope; return it with its
    plain text. The old key keeps working for API_KEY_ROTATION_GRACE_HOURS (or until it
    expired anyway), so the partner can switch without an outage."""
    key = PartnerAPIKey.objects.select_for_update().get(pk=key.pk)
    now = timezone.now()
    if key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= now):
        raise ValidationError(_("Only an active key can be rotated."), code="inactive_key")
    if key.replaced_by_id is not None:
        raise ValidationError(_("This key has already been replaced."), code="already_rotated")
    new_key, raw = api_key_create(
        organisation=key.organisation, name=key.name, scope=key.scope, is_staff_key=key.is_staff_key,
    )
    grace_end = now + timedelta(hours=settings.API_KEY_ROTATION_GRACE_HOURS)
    key.expires_at = grace_end if key.expires_at is None else min(key.expires_at, grace_end)
    key.replaced_by = new_key
    key.save(update_fields=["expires_at", "replaced_by", "modified_at"])
    return new_key, raw


@transaction.atomic
def api_key_revoke(*, key: PartnerAPIKey) -> PartnerAPIKey:
    """Revoke ``key`` now. Revoking twice keeps the first revocation time."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at", "modified_at"])
    return key


def api_key_authenticate(raw: str) -> PartnerAPIKey | None:
    """The active key whose plain text is ``raw``, or None."""
    if not raw or not isinstance(raw, str):
        return None
    prefix, separator, secret = raw.strip().partition(".")
    if not separator or not secret or len(prefix) != PartnerAPIKey.PREFIX_LENGTH:
        return None
    key = PartnerAPIKey.objects.active().select_related("organisation").filter(prefix=prefix).first()
    expected = key.hashed_key if key else PartnerAPIKey.hash_secret("")
    # Compare even when no key matched, so timing does not reveal which prefixes exist.
    matches = hmac.compare_digest(expected, PartnerAPIKey.hash_secret(raw.strip()))
    if key is None or not matches:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        # A queryset update: bookkeeping must not bump modified_at or the change log.
        PartnerAPIKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
