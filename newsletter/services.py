"""Every write of the newsletter: subscriptions (double opt-in, preferences,
unsubscribe, erasure, bounces) and issues (schedule, start, pause, cancel) and the
delivery state machine the workers drive.

Delivery rows: queued → claimed (lease_until + claim_token) → sent / retry / failed /
skipped. A claim is taken under ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL
(SQLite has no row locks; there its single writer plus the claimable re-check in
the UPDATE gives the same result). Every later transition is an UPDATE that names
the claim token, so a worker whose claim was taken over cannot record anything."""

from __future__ import annotations

import smtplib
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from finest.core.email import send_email
from finest.core.i18n import absolute_url
from finest.core.models import FocusArea

from . import ratelimit
from .models import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    SendRateBucket,
    Subscriber,
    SubscriberStatus,
    Suppression,
    SuppressionReason,
    UnsubscribeReason,
)
from .rendering import default_language, list_unsubscribe_headers, manage_links, preview_links, renderer_for
from .tokens import CONFIRM, keyed_hash, make_token

# Without a previous issue the first digest reaches back this far.
FIRST_DIGEST_DAYS = 30
PREPARE_CHUNK = 2000


# --- subscribers ---------------------------------------------------------------------------


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def email_hash(email: str) -> str:
    return keyed_hash(f"email:{normalize_email(email)}")


def ip_hash(ip: str | None) -> str:
    return keyed_hash(f"ip:{ip}") if ip else ""


def is_suppressed(email: str) -> bool:
    return Suppression.objects.filter(email_hash=email_hash(email)).exists()


def _set_topics(subscriber: Subscriber, focus_area_ids) -> None:
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
            from .tasks import send_confirmation

            Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_requested_at=now)
            subscriber_id = subscriber.pk
            # robust: with the broker down the sign-up is still kept; the periodic task sends the mail later.
            transaction.on_commit(lambda: send_confirmation.delay(subscriber_id), robust=True)


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


def subscribers_send_owed_confirmations(*, limit: int = 500) -> int:
    """Queue the confirmation mails whose task was lost (e.g. the broker was down at sign-up)."""
    from .tasks import send_confirmation

    max_age = timedelta(days=settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS)
    ids = list(Subscriber.objects.confirmation_owed(requested_after=timezone.now() - max_age).values_list("pk", flat=True)[:limit])
    for subscriber_id in ids:
        send_confirmation.delay(subscriber_id)
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


def subscriber_unsubscribe(*, subscriber: Subscriber, reason: str = UnsubscribeReason.USER) -> Subscriber:
    """Idempotent: repeating it changes nothing."""
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).exclude(status=SubscriberStatus.UNSUBSCRIBED).update(
            status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now(), unsubscribe_reason=reason
        )
    subscriber.refresh_from_db()
    return subscriber


def subscriber_suppress(*, email: str, reason: str) -> None:
    """Never mail this address again (bounces, complaints)."""
    unsubscribe_reason = {
        SuppressionReason.BOUNCE: UnsubscribeReason.BOUNCE,
        SuppressionReason.COMPLAINT: UnsubscribeReason.COMPLAINT,
    }.get(reason, UnsubscribeReason.STAFF)
    with transaction.atomic():
        Suppression.objects.get_or_create(email_hash=email_hash(email), defaults={"reason": reason})
        Subscriber.objects.filter(email=normalize_email(email)).exclude(status=SubscriberStatus.UNSUBSCRIBED).update(
            status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now(), unsubscribe_reason=unsubscribe_reason
        )


def subscriber_erase(*, subscriber: Subscriber) -> None:
    """GDPR erasure: the row goes; only a keyed hash stays, so the address is never mailed again.
    Deliveries stay without a subscriber so that past issues keep their counts."""
    with transaction.atomic():
        Suppression.objects.update_or_create(email_hash=email_hash(subscriber.email), defaults={"reason": SuppressionReason.ERASED})
        subscriber.delete()


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
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "unsubscribed_at": subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else None,
        "unsubscribe_reason": subscriber.unsubscribe_reason,
        "consent": {
            "at": subscriber.consent_at.isoformat() if subscriber.consent_at else None,
            "text_version": subscriber.consent_version,
            "language": subscriber.consent_language,
            "ip_address_hash": subscriber.consent_ip_hash,
        },
        "hard_bounces": subscriber.hard_bounces,
        "deliveries": [
            {
                "issue": str(delivery.issue),
                "status": delivery.status,
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
                "reason": delivery.reason,
            }
            for delivery in deliveries
        ],
    }


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


def subscribers_purge_unconfirmed(*, now=None) -> int:
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_PURGE_DAYS)
    with transaction.atomic():
        deleted, _by_model = Subscriber.objects.unconfirmed_before(cutoff).delete()
    ratelimit.purge(older_than=timedelta(days=2))
    return deleted


# --- issues --------------------------------------------------------------------------------


def _enqueue_prepare(issue_id: int) -> None:
    from .tasks import prepare_issue

    transaction.on_commit(lambda: prepare_issue.delay(issue_id), robust=True)


def _enqueue_batches(issue_id: int) -> None:
    from .tasks import send_issue_batch

    def kick():
        for _i in range(max(1, settings.NEWSLETTER_PARALLEL_BATCHES)):
            send_issue_batch.delay(issue_id)

    # robust: with the broker down the issue stays "sending" and recover_stalled wakes it later.
    transaction.on_commit(kick, robust=True)


def newsletter_issue_schedule(*, issue: NewsletterIssue, at) -> NewsletterIssue:
    if issue.status not in (IssueStatus.DRAFT, IssueStatus.SCHEDULED):
        raise ValidationError(_("Only a draft or a scheduled issue can be scheduled."))
    if at is None:
        raise ValidationError(_("Choose when to send the issue."))
    with transaction.atomic():
        issue.status = IssueStatus.SCHEDULED
        issue.scheduled_at = at
        issue.full_clean()
        issue.save(update_fields=["status", "scheduled_at", "modified_at"])
    return issue


def newsletter_issue_start(*, issue_id: int) -> bool:
    """Send now (a draft or scheduled issue): freeze the digest window and prepare the delivery rows."""
    now = timezone.now()
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None or issue.status not in (IssueStatus.DRAFT, IssueStatus.SCHEDULED):
            return False
        issue.full_clean()
        issue.status = IssueStatus.SENDING
        issue.started_at = now
        issue.last_activity_at = now
        issue.digest_since = NewsletterIssue.objects.last_sent_start(exclude_pk=issue.pk) or now - timedelta(days=FIRST_DIGEST_DAYS)
        issue.digest_until = now
        issue.save()
        _enqueue_prepare(issue.pk)
    return True


def newsletter_issue_prepare_chunk(*, issue_id: int, size: int = PREPARE_CHUNK) -> bool:
    """Create the next chunk of delivery rows; True when there is nothing left to prepare.

    Subscribers are walked in id order from a cursor, never loaded whole; ``ignore_conflicts``
    and the unique (issue, subscriber) constraint make a repeated chunk harmless."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None or issue.prepared_at or issue.status not in (IssueStatus.SENDING, IssueStatus.PAUSED):
        return True
    now = timezone.now()
    rows = list(
        Subscriber.objects.confirmed().filter(pk__gt=issue.prepare_cursor).order_by("pk").values_list("pk", "language")[:size]
    )
    with transaction.atomic():
        if not rows:
            NewsletterIssue.objects.filter(pk=issue_id, prepared_at__isnull=True).update(prepared_at=now, last_activity_at=now)
            return True
        Delivery.objects.bulk_create(
            [
                Delivery(issue_id=issue_id, subscriber_id=pk, language=language, next_attempt_at=now)
                for pk, language in rows
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        NewsletterIssue.objects.filter(pk=issue_id, prepare_cursor__lt=rows[-1][0]).update(
            prepare_cursor=rows[-1][0], last_activity_at=now
        )
    return False


def newsletter_issue_pause(*, issue: NewsletterIssue) -> bool:
    """Workers stop claiming; rows already claimed finish their batch."""
    with transaction.atomic():
        return bool(NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.SENDING).update(status=IssueStatus.PAUSED))


def newsletter_issue_resume(*, issue: NewsletterIssue) -> bool:
    with transaction.atomic():
        resumed = NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.PAUSED).update(
            status=IssueStatus.SENDING, last_activity_at=timezone.now()
        )
        if resumed:
            issue.refresh_from_db()
            if issue.prepared_at:
                _enqueue_batches(issue.pk)
            else:
                _enqueue_prepare(issue.pk)
    return bool(resumed)


def newsletter_issue_cancel(*, issue: NewsletterIssue) -> bool:
    """Stop for good: unsent rows become skipped. A message already handed to the mail server stays sent."""
    now = timezone.now()
    with transaction.atomic():
        cancelled = NewsletterIssue.objects.filter(
            pk=issue.pk, status__in=[IssueStatus.DRAFT, IssueStatus.SCHEDULED, IssueStatus.SENDING, IssueStatus.PAUSED]
        ).update(status=IssueStatus.CANCELLED, finished_at=now)
        if cancelled:
            Delivery.objects.filter(issue_id=issue.pk).unfinished().update(
                status=DeliveryStatus.SKIPPED, reason=str(_("The issue was cancelled.")), claim_token=None, lease_until=None
            )
    return bool(cancelled)


def newsletter_issue_finish_if_done(*, issue_id: int) -> bool:
    """An issue is sent only when it is prepared and no row is queued, claimed or waiting to retry."""
    if Delivery.objects.filter(issue_id=issue_id).unfinished().exists():
        return False
    # Once prepared, no row is created any more and a finished row never becomes unfinished, so the check holds.
    with transaction.atomic():
        return bool(
            NewsletterIssue.objects.filter(pk=issue_id, status=IssueStatus.SENDING, prepared_at__isnull=False)
            .update(status=IssueStatus.SENT, finished_at=timezone.now())
        )


def newsletter_issue_send_test(*, issue: NewsletterIssue, to: str, language: str) -> None:
    """A test copy with every topic, to any address; its links lead to the subscription page."""
    language = default_language(language)
    renderer = renderer_for(_with_digest_window(issue))
    message = renderer.message(
        to=to, language=language, links=preview_links(language),
        focus_area_ids=[], wants_events=True, connection=get_connection(),
    )
    message.send(fail_silently=False)


def _with_digest_window(issue: NewsletterIssue) -> NewsletterIssue:
    """Before sending starts the window is not frozen yet: preview what it would be now."""
    if issue.digest_until is None:
        now = timezone.now()
        issue.digest_since = NewsletterIssue.objects.last_sent_start(exclude_pk=issue.pk) or now - timedelta(days=FIRST_DIGEST_DAYS)
        issue.digest_until = now
    return issue


def newsletter_issue_preview(*, issue: NewsletterIssue, language: str):
    """The message a subscriber with every topic would get, for the admin preview."""
    language = default_language(language)
    renderer = renderer_for(_with_digest_window(issue))
    return renderer.message(
        to="preview@example.invalid", language=language, links=preview_links(language), focus_area_ids=[], wants_events=True
    )


# --- sending ----------------------------------------------------------------------------------


def rate_acquire(wanted: int) -> tuple[int, float]:
    """Take up to ``wanted`` send permits from the global bucket; returns (granted, seconds to wait).

    The bucket is one database row updated with optimistic versioning, so every worker
    process on every machine shares one rate, with or without Redis."""
    rate = settings.NEWSLETTER_SEND_RATE
    if rate <= 0:
        return wanted, 0.0
    capacity = max(rate, 1.0)
    for _attempt in range(5):
        bucket, _created = SendRateBucket.objects.get_or_create(name="newsletter", defaults={"tokens": capacity})
        now = timezone.now()
        elapsed = max((now - bucket.refilled_at).total_seconds(), 0.0)
        tokens = min(capacity, bucket.tokens + elapsed * rate)
        granted = int(min(wanted, tokens))
        if granted <= 0:
            return 0, max((1 - tokens) / rate, 0.05)
        updated = SendRateBucket.objects.filter(pk=bucket.pk, version=bucket.version).update(
            tokens=tokens - granted, refilled_at=now, version=bucket.version + 1
        )
        if updated:
            return granted, 0.0
    return 0, 0.05


def deliveries_claim(*, issue_id: int, limit: int) -> tuple[uuid.UUID, list[int]]:
    """Claim up to ``limit`` due rows of the issue under a fresh token and lease."""
    token = uuid.uuid4()
    now = timezone.now()
    rows = Delivery.objects.filter(issue_id=issue_id).order_by()
    with transaction.atomic():
        # Two index scans without ORDER BY, so that LIMIT stops early: a claim costs the same
        # at the end of a 100,000-row issue as at its start. Expired leases go first.
        candidates = list(
            rows.filter(status=DeliveryStatus.CLAIMED, lease_until__lt=now)
            .select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit]
        )
        if len(candidates) < limit:
            candidates += list(
                rows.filter(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.RETRY], next_attempt_at__lte=now)
                .select_for_update(skip_locked=True).values_list("pk", flat=True)[: limit - len(candidates)]
            )
        if not candidates:
            return token, []
        # The claimable filter is repeated in the UPDATE: on SQLite, without row locks, it is what keeps
        # two workers from taking the same row.
        Delivery.objects.filter(pk__in=candidates).claimable(now).update(
            status=DeliveryStatus.CLAIMED,
            claim_token=token,
            lease_until=now + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS),
            attempts=models.F("attempts") + 1,
        )
    return token, list(Delivery.objects.filter(pk__in=candidates, claim_token=token).values_list("pk", flat=True))


def _transition(pk: int, token: uuid.UUID, **fields) -> bool:
    """Record the outcome only if the claim is still ours."""
    return bool(
        Delivery.objects.filter(pk=pk, claim_token=token, status=DeliveryStatus.CLAIMED).update(lease_until=None, **fields)
    )


def _mark_sent(pk: int, token: uuid.UUID, language: str) -> bool:
    """The one transition per message, so it is written out as SQL instead of being rebuilt by the ORM each time."""
    meta = Delivery._meta
    sent_at = meta.get_field("sent_at").get_db_prep_value(timezone.now(), connection)
    claim_token = meta.get_field("claim_token").get_db_prep_value(token, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {meta.db_table} SET status = %s, sent_at = %s, language = %s, reason = '', lease_until = NULL "  # noqa: S608 - table name from the model
            "WHERE id = %s AND claim_token = %s AND status = %s",
            [DeliveryStatus.SENT.value, sent_at, language, pk, claim_token, DeliveryStatus.CLAIMED.value],
        )
        return cursor.rowcount == 1


def deliveries_release(*, token: uuid.UUID) -> int:
    """Hand claimed rows back (the batch ran out of lease time)."""
    return Delivery.objects.filter(claim_token=token, status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.QUEUED, claim_token=None, lease_until=None, attempts=models.F("attempts") - 1
    )


class LostClaim(Exception):
    """Our lease ran out and another worker took the row: undo whatever this transaction recorded."""


def smtp_failure(exc: Exception) -> tuple[bool, str]:
    """(permanent?, reason) for an exception raised while sending."""
    code, detail = None, str(exc)
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, raw = next(iter(exc.recipients.values()))
        detail = raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)
    elif isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        detail = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    permanent = code is not None and 500 <= code < 600
    reason = f"{code} {detail}" if code else f"{type(exc).__name__}: {detail}"
    return permanent, reason[:255]


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(settings.NEWSLETTER_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 6 * 3600))


@dataclass
class BatchResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retry: int = 0
    wait: float = 0.0
    more: bool = False


def _topics_by_subscriber(subscriber_ids: list[int]) -> dict[int, set[int]]:
    topics: dict[int, set[int]] = {pk: set() for pk in subscriber_ids}
    through = Subscriber.focus_areas.through
    for subscriber_id, focus_area_id in through.objects.filter(subscriber_id__in=subscriber_ids).values_list(
        "subscriber_id", "focusarea_id"
    ):
        topics[subscriber_id].add(focus_area_id)
    return topics


def issue_send_batch(*, issue_id: int, batch_size: int | None = None) -> BatchResult:
    """Claim one small batch of the issue and send it. Safe to run any number of times at once."""
    result = BatchResult()
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status != IssueStatus.SENDING or issue.prepared_at is None:
        return result
    granted, wait = rate_acquire(batch_size or settings.NEWSLETTER_BATCH_SIZE)
    if not granted:
        result.wait, result.more = wait, True
        return result
    token, claimed = deliveries_claim(issue_id=issue_id, limit=granted)
    result.claimed = len(claimed)
    if claimed:
        _send_claimed(issue, token, claimed, result)
        now = timezone.now()
        NewsletterIssue.objects.filter(pk=issue_id).update(last_activity_at=now)
    newsletter_issue_finish_if_done(issue_id=issue_id)
    result.more = issue_has_due_work(issue_id=issue_id)
    return result


def issue_has_due_work(*, issue_id: int) -> bool:
    rows = Delivery.objects.filter(issue_id=issue_id).order_by()
    now = timezone.now()
    return (
        rows.filter(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.RETRY], next_attempt_at__lte=now).exists()
        or rows.filter(status=DeliveryStatus.CLAIMED, lease_until__lt=now).exists()
    )


def _send_claimed(issue: NewsletterIssue, token: uuid.UUID, claimed: list[int], result: BatchResult) -> None:
    rows = list(Delivery.objects.filter(pk__in=claimed, claim_token=token).select_related("subscriber").order_by("pk"))
    subscriber_ids = [row.subscriber_id for row in rows if row.subscriber_id]
    topics = _topics_by_subscriber(subscriber_ids)
    emails = {row.subscriber_id: row.subscriber.email for row in rows if row.subscriber_id}
    hashes = {email_hash(email): pk for pk, email in emails.items()}
    suppressed = {hashes[h] for h in Suppression.objects.filter(email_hash__in=list(hashes)).values_list("email_hash", flat=True)}
    renderer = renderer_for(issue)
    # Stop well before the lease ends, so that nobody else can have taken a row we are about to send.
    deadline = time.monotonic() + settings.NEWSLETTER_LEASE_SECONDS * 0.8
    mail_connection = get_connection()
    with relaxed_commit_durability():
        _send_rows(rows, token, topics, suppressed, renderer, deadline, mail_connection, result)


def _send_rows(rows, token, topics, suppressed, renderer, deadline, mail_connection, result: BatchResult) -> None:
    try:
        for row in rows:
            if time.monotonic() > deadline:
                deliveries_release(token=token)
                break
            subscriber = row.subscriber
            skip_reason = None
            if subscriber is None:
                skip_reason = _("The subscriber was erased.")
            elif subscriber.status != SubscriberStatus.CONFIRMED:
                skip_reason = _("The subscriber has unsubscribed.")
            elif subscriber.pk in suppressed:
                skip_reason = _("The address is suppressed.")
            if skip_reason is not None:
                if _transition(row.pk, token, status=DeliveryStatus.SKIPPED, reason=str(skip_reason)):
                    result.skipped += 1
                continue
            language = subscriber.language
            message = renderer.message(
                to=subscriber.email,
                language=language,
                links=manage_links(subscriber, language),
                focus_area_ids=topics.get(subscriber.pk, ()),
                wants_events=subscriber.wants_events,
                connection=mail_connection,
            )
            try:
                if getattr(mail_connection, "transactional", False):
                    # The backend writes into this database: its write and the "sent" mark commit together.
                    with transaction.atomic():
                        message.send(fail_silently=False)
                        if not _mark_sent(row.pk, token, language):
                            raise LostClaim
                else:
                    message.send(fail_silently=False)
                    if not _mark_sent(row.pk, token, language):
                        raise LostClaim
                result.sent += 1
            except LostClaim:
                continue
            except (smtplib.SMTPException, OSError) as exc:
                _record_failure(row, token, subscriber, exc, result)
                mail_connection.close()
    finally:
        mail_connection.close()


@contextmanager
def relaxed_commit_durability():
    """One commit per message keeps a crashed worker from ever repeating a message, but waiting for
    the disk on each commit would cap sending at a few hundred per second. Not waiting only matters
    if PostgreSQL itself crashes: the last fraction of a second of "sent" marks could be lost and
    those few recipients could get a second copy. A worker crash loses nothing."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _record_failure(row: Delivery, token: uuid.UUID, subscriber: Subscriber, exc: Exception, result: BatchResult) -> None:
    permanent, reason = smtp_failure(exc)
    attempts = row.attempts  # loaded after the claim, so it counts this attempt
    if permanent or attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        if _transition(row.pk, token, status=DeliveryStatus.FAILED, reason=reason):
            result.failed += 1
        if permanent:
            subscriber_record_bounce(email=subscriber.email, kind="hard")
        return
    if _transition(row.pk, token, status=DeliveryStatus.RETRY, reason=reason, next_attempt_at=timezone.now() + retry_delay(attempts)):
        result.retry += 1


def issues_stalled(*, now=None):
    """Sending issues with no progress for a lease period: their wake-ups were lost (Redis restart, killed worker)."""
    now = now or timezone.now()
    quiet = now - timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    return NewsletterIssue.objects.sending().filter(models.Q(last_activity_at__lt=quiet) | models.Q(last_activity_at__isnull=True))


def issue_recover(*, issue_id: int) -> str:
    """Re-queue the work of one stalled issue; returns what it did. Work that is only due later
    (retries with backoff) is left alone: the next run of the periodic task looks again."""
    issue = NewsletterIssue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).first()
    if issue is None:
        return "none"
    with transaction.atomic():
        if issue.prepared_at is None:
            NewsletterIssue.objects.filter(pk=issue_id).update(last_activity_at=timezone.now())
            _enqueue_prepare(issue_id)
            return "prepare"
        if newsletter_issue_finish_if_done(issue_id=issue_id):
            return "finished"
        if not issue_has_due_work(issue_id=issue_id):
            return "waiting"
        NewsletterIssue.objects.filter(pk=issue_id).update(last_activity_at=timezone.now())
        _enqueue_batches(issue_id)
    return "batches"
