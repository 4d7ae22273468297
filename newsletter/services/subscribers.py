"""Writes about subscribers: double opt-in, preferences, unsubscribing, suppression,
erasure and export (GDPR), bounces, and purging sign-ups that were never confirmed."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation

from finest.core.email import send_email
from finest.core.i18n import absolute_url
from finest.core.models import FocusArea

from .. import ratelimit, tasks
from ..models import (
    Delivery,
    Subscriber,
    SubscriberStatus,
    Suppression,
    SuppressionReason,
    UnsubscribeReason,
)
from ..rendering import default_language, list_unsubscribe_headers, manage_links
from ..tokens import CONFIRM, keyed_hash, make_token

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def email_hash(email: str) -> str:
    return keyed_hash(f"email:{normalize_email(email)}")


def ip_hash(ip: str | None) -> str:
    return keyed_hash(f"ip:{ip}") if ip else ""


def is_suppressed(email: str) -> bool:
    return Suppression.objects.blocking().filter(email_hash=email_hash(email)).exists()


def _set_topics(subscriber: Subscriber, focus_area_ids: list[int]) -> None:
    valid = FocusArea.objects.filter(pk__in=list(focus_area_ids or [])).values_list("pk", flat=True)
    subscriber.focus_areas.set(list(valid))


def subscriber_subscribe(
    *,
    email: str,
    language: str,
    focus_area_ids: list[int],
    wants_events: bool,
    ip: str | None,
) -> bool:
    """Start a double opt-in. Returns False only when the IP has hit its limit.

    The outcome is the same for new, pending, confirmed and suppressed addresses, so the
    response tells nobody who subscribes. A confirmed subscriber is left untouched (a
    stranger must not change their topics) and is not mailed."""
    if not ratelimit.hit(ratelimit.SIGNUP_PER_IP, ip or "-", limit=settings.NEWSLETTER_SIGNUPS_PER_IP, window=timedelta(hours=1)):
        return False
    email = normalize_email(email)
    if is_suppressed(email):
        return True
    # Two sign-ups of the same new address at once both find no row; the loser of the
    # insert race retries and then finds the winner's row.
    try:
        _subscriber_request_confirmation(email=email, language=language, focus_area_ids=focus_area_ids,
                                         wants_events=wants_events, ip=ip)
    except (IntegrityError, ValidationError):
        _subscriber_request_confirmation(email=email, language=language, focus_area_ids=focus_area_ids,
                                         wants_events=wants_events, ip=ip)
    return True


def _subscriber_request_confirmation(
    *, email: str, language: str, focus_area_ids: list[int], wants_events: bool, ip: str | None
) -> None:
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.status == SubscriberStatus.CONFIRMED:
            return
        subscriber = subscriber or Subscriber(email=email)
        subscriber.language = default_language(language)
        subscriber.wants_events = wants_events
        subscriber.status = SubscriberStatus.PENDING
        subscriber.unsubscribed_at = None
        subscriber.unsubscribe_reason = ""
        subscriber.consent_at = now
        subscriber.consent_version = settings.NEWSLETTER_CONSENT_VERSION
        subscriber.consent_language = subscriber.language
        subscriber.consent_ip_hash = ip_hash(ip)
        subscriber.full_clean()
        subscriber.save()
        _set_topics(subscriber, focus_area_ids)
        allowed = ratelimit.hit(
            ratelimit.CONFIRMATION_PER_ADDRESS, email,
            limit=settings.NEWSLETTER_CONFIRMATIONS_PER_ADDRESS, window=timedelta(hours=24),
        )
        if allowed:
            Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_requested_at=now)
            # With the broker down the sign-up is still kept; the periodic task sends the mail later.
            tasks.send_confirmation.delay_on_commit(subscriber.pk)


def subscriber_send_confirmation(*, subscriber_id: int) -> bool:
    """Send the owed confirmation mail once, however many tasks ask for it."""
    subscriber = Subscriber.objects.pending().filter(pk=subscriber_id).first()
    if subscriber is None or is_suppressed(subscriber.email):
        return False
    previous = subscriber.confirmation_sent_at
    with transaction.atomic():
        max_age = timedelta(days=settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS)
        owed = Subscriber.objects.filter(pk=subscriber_id).confirmation_owed(requested_after=timezone.now() - max_age)
        if not owed.update(confirmation_sent_at=timezone.now()):
            return False
    try:
        _send_confirmation_mail(subscriber)
    except Exception:
        Subscriber.objects.filter(pk=subscriber_id).update(confirmation_sent_at=previous)
        raise
    return True


def subscriber_send_owed_confirmations(*, limit: int = 500) -> int:
    """Queue the confirmation mails whose task was lost (e.g. the broker was down at sign-up)."""
    max_age = timedelta(days=settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS)
    ids = list(Subscriber.objects.confirmation_owed(requested_after=timezone.now() - max_age).values_list("pk", flat=True)[:limit])
    for subscriber_id in ids:
        tasks.send_confirmation.delay(subscriber_id)
    return len(ids)


def _send_confirmation_mail(subscriber: Subscriber) -> None:
    token = make_token(subscriber, CONFIRM)
    with translation.override(subscriber.language):
        confirm_url = absolute_url(reverse("newsletter:confirm", kwargs={"token": token}))
    # Someone else may have typed this address: one click tells us never to write again.
    links = manage_links(subscriber, subscriber.language)
    send_email(
        to=subscriber.email,
        template="email/newsletter/confirm",
        context={"confirm_url": confirm_url, "max_age_days": settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS, **links},
        language=subscriber.language,
        headers=list_unsubscribe_headers(links["unsubscribe_url"]),
    )


def subscriber_confirm(*, subscriber: Subscriber) -> Subscriber:
    """Idempotent. Only a pending sign-up is confirmed: an old link never re-subscribes someone who left."""
    with transaction.atomic():
        updated = Subscriber.objects.filter(pk=subscriber.pk, status=SubscriberStatus.PENDING).update(
            status=SubscriberStatus.CONFIRMED, confirmed_at=timezone.now()
        )
    if updated:
        subscriber.refresh_from_db()
    return subscriber


def subscriber_update_preferences(
    *, subscriber: Subscriber, language: str, focus_area_ids: list[int], wants_events: bool
) -> Subscriber:
    with transaction.atomic():
        subscriber.language = default_language(language)
        subscriber.wants_events = wants_events
        subscriber.full_clean()
        subscriber.save(update_fields=["language", "wants_events"])
        _set_topics(subscriber, focus_area_ids)
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber, reason: str = UnsubscribeReason.USER) -> None:
    """Unsubscribing erases the subscriber's personal data (address, language, topics, consent record),
    as the privacy notice says. What stays is a keyed hash of the address with when and why, and the
    delivery rows without a subscriber, so that issues keep their counts. Idempotent."""
    suppression_reason = {
        UnsubscribeReason.BOUNCE: SuppressionReason.BOUNCE,
        UnsubscribeReason.COMPLAINT: SuppressionReason.COMPLAINT,
        UnsubscribeReason.STAFF: SuppressionReason.ERASED,
    }.get(reason, SuppressionReason.UNSUBSCRIBED)
    with transaction.atomic():
        # The lock waits for a newsletter message being sent to this subscriber right now.
        locked = Subscriber.objects.select_for_update().filter(pk=subscriber.pk).first()
        if locked is None:
            return
        _suppress_hash(email_hash(locked.email), suppression_reason)
        locked.delete()


def _suppress_hash(hashed: str, reason: str) -> None:
    """A stronger reason (erasure, bounce, complaint) replaces "unsubscribed", never the other way round."""
    existing = Suppression.objects.filter(email_hash=hashed).first()
    if existing is None:
        Suppression.objects.create(email_hash=hashed, reason=reason)
    elif existing.reason == SuppressionReason.UNSUBSCRIBED and reason != SuppressionReason.UNSUBSCRIBED:
        Suppression.objects.filter(pk=existing.pk).update(reason=reason, created_at=timezone.now())


def subscriber_suppress(*, email: str, reason: str) -> None:
    """Never mail this address again (bounces, complaints): a known subscriber is erased as on unsubscribing."""
    unsubscribe_reason = {
        SuppressionReason.BOUNCE: UnsubscribeReason.BOUNCE,
        SuppressionReason.COMPLAINT: UnsubscribeReason.COMPLAINT,
    }.get(reason, UnsubscribeReason.STAFF)
    with transaction.atomic():
        _suppress_hash(email_hash(email), reason)
        for subscriber in Subscriber.objects.filter(email=normalize_email(email)):
            subscriber_unsubscribe(subscriber=subscriber, reason=unsubscribe_reason)


def subscriber_erase(*, subscriber: Subscriber, actor: AbstractBaseUser | None) -> None:
    """GDPR erasure, done by staff (``actor``): the row goes; only a keyed hash stays, so the address
    is never mailed again. Deliveries stay without a subscriber so that past issues keep their counts."""
    with transaction.atomic():
        _suppress_hash(email_hash(subscriber.email), SuppressionReason.ERASED)
        subscriber.delete()
    logger.info("newsletter subscriber %s erased by %s", subscriber.pk, getattr(actor, "pk", None))


def subscriber_export(*, subscriber: Subscriber) -> dict:
    """Everything we hold about one subscriber, for a GDPR access request."""
    deliveries = Delivery.objects.filter(subscriber=subscriber).select_related("issue").order_by("pk")
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "status": subscriber.status,
        "topics": {
            "focus_areas": [str(area) for area in subscriber.focus_areas.all()],
            "events": subscriber.wants_events,
        },
        "signed_up_at": subscriber.created_at.isoformat(),
        "confirmed_at": _iso(subscriber.confirmed_at),
        "unsubscribed_at": _iso(subscriber.unsubscribed_at),
        "unsubscribe_reason": subscriber.unsubscribe_reason,
        "consent": {
            "at": _iso(subscriber.consent_at),
            "text_version": subscriber.consent_version,
            "language": subscriber.consent_language,
            "ip_address_hash": subscriber.consent_ip_hash,
        },
        "hard_bounces": subscriber.hard_bounces,
        "deliveries": [
            {
                "issue": str(delivery.issue),
                "status": delivery.status,
                "sent_at": _iso(delivery.sent_at),
                "reason": delivery.reason,
            }
            for delivery in deliveries
        ],
    }


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def subscriber_record_bounce(*, email: str, kind: str) -> None:
    """``kind``: "hard", "soft" or "complaint". Complaints suppress at once; hard bounces when they repeat."""
    email = normalize_email(email)
    if kind == "complaint":
        subscriber_suppress(email=email, reason=SuppressionReason.COMPLAINT)
        return
    if kind != "hard":
        return
    with transaction.atomic():
        Subscriber.objects.filter(email=email).update(hard_bounces=models.F("hard_bounces") + 1)
        bounces = Subscriber.objects.filter(email=email).values_list("hard_bounces", flat=True).first()
        if bounces is not None and bounces >= settings.NEWSLETTER_HARD_BOUNCE_LIMIT:
            subscriber_suppress(email=email, reason=SuppressionReason.BOUNCE)


def subscriber_enforce_retention(*, now: datetime | None = None) -> dict[str, int]:
    """The retention the privacy notice states, run by a periodic task: sign-ups never confirmed go after
    NEWSLETTER_UNCONFIRMED_PURGE_DAYS; unsubscribed and bounced subscribers keep nothing but the hash
    (rows left unsubscribed by earlier versions are erased now); rate-limit records go after two days."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_PURGE_DAYS)
    with transaction.atomic():
        purged, _by_model = Subscriber.objects.unconfirmed_before(cutoff).delete()
    left = Subscriber.objects.filter(status=SubscriberStatus.UNSUBSCRIBED)
    erased = 0
    for subscriber in left.only("pk", "email", "unsubscribe_reason").iterator():
        subscriber_unsubscribe(subscriber=subscriber, reason=subscriber.unsubscribe_reason or UnsubscribeReason.USER)
        erased += 1
    hits = ratelimit.purge(older_than=timedelta(days=2))
    return {"unconfirmed": purged, "unsubscribed": erased, "rate_limit_hits": hits}
