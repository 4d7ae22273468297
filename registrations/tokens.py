"""Signed personal links: one to confirm the email address, one to view, cancel or erase
the registration. Each carries the registrant's id and key, so it opens only its own
registration, and erasure (a new key) ends every link made before."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare

from .models import Registrant

CONFIRM = "registrations.confirm"
MANAGE = "registrations.manage"


class LinkInvalid(Exception):
    """Altered, for an erased registration, or never ours."""


class LinkExpired(LinkInvalid):
    """Ours, but too old (only confirmation links expire)."""


def make_token(registrant: Registrant, purpose: str) -> str:
    return signing.dumps([registrant.pk, registrant.key], salt=purpose)


def read_token(token: str, purpose: str) -> Registrant:
    max_age = settings.REGISTRATIONS_CONFIRM_MAX_AGE_HOURS * 3600 if purpose == CONFIRM else None
    try:
        pk, key = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid from exc
    registrant = Registrant.objects.select_related("registration__event").filter(pk=pk).first() if isinstance(pk, int) else None
    if registrant is None or registrant.is_erased or not isinstance(key, str) or not constant_time_compare(registrant.key, key):
        raise LinkInvalid
    return registrant
