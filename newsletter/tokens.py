"""Signed links for subscribers (confirm, preferences, unsubscribe) and the keyed
hashes that stand in for addresses and IPs wherever we must not keep them."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare

from .models import Subscriber

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"


class TokenInvalid(Exception):
    """The link was altered, belongs to an erased subscriber, or was never ours."""


class SubscriberGone(TokenInvalid):
    """The link was ours, but its subscriber has unsubscribed or was erased since (the row is gone)."""


class TokenExpired(TokenInvalid):
    """The link was ours but is too old (only confirmation links expire)."""


def keyed_hash(value: str) -> str:
    secret = (settings.NEWSLETTER_HASH_SALT or f"{settings.SECRET_KEY}:newsletter").encode()
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()


def make_token(subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=purpose)


def read_token(token: str, purpose: str, *, max_age: float | None = None):
    """The subscriber a token was made for; raises TokenExpired or TokenInvalid."""
    try:
        pk, key = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise TokenInvalid from exc
    if not isinstance(pk, int) or not isinstance(key, str):
        raise TokenInvalid
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        raise SubscriberGone
    if not constant_time_compare(subscriber.key, key):
        raise TokenInvalid
    return subscriber
