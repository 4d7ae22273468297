"""The delivery state machine the workers drive.

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
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    SendRateBucket,
    Subscriber,
    SubscriberStatus,
    Suppression,
)
from ..rendering import IssueRenderer, manage_links, renderer_for
from .issues import newsletter_issue_finish_if_done, newsletter_issue_wake
from .subscribers import email_hash, subscriber_record_bounce


def delivery_rate_acquire(*, wanted: int) -> tuple[int, float]:
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


def delivery_claim(*, issue_id: int, limit: int) -> tuple[uuid.UUID, list[int]]:
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


def delivery_transition(*, pk: int, token: uuid.UUID, **fields) -> bool:
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


def delivery_release(*, token: uuid.UUID) -> int:
    """Hand claimed rows back (the batch ran out of lease time)."""
    return Delivery.objects.filter(claim_token=token, status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.QUEUED, claim_token=None, lease_until=None, attempts=models.F("attempts") - 1
    )


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


@dataclass
class _Batch:
    """What one claimed batch needs while it sends."""

    token: uuid.UUID
    rows: list[Delivery]
    topics: dict[int, set[int]]
    suppressed: set[int]
    renderer: IssueRenderer
    deadline: float
    result: BatchResult
    mail_connection: object = field(default=None)


def _topics_by_subscriber(subscriber_ids: list[int]) -> dict[int, set[int]]:
    topics: dict[int, set[int]] = {pk: set() for pk in subscriber_ids}
    through = Subscriber.focus_areas.through
    for subscriber_id, focus_area_id in through.objects.filter(subscriber_id__in=subscriber_ids).values_list(
        "subscriber_id", "focusarea_id"
    ):
        topics[subscriber_id].add(focus_area_id)
    return topics


def delivery_send_batch(*, issue_id: int, batch_size: int | None = None) -> BatchResult:
    """Claim one small batch of the issue and send it. Safe to run any number of times at once."""
    result = BatchResult()
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status != IssueStatus.SENDING or issue.prepared_at is None:
        return result
    granted, wait = delivery_rate_acquire(wanted=batch_size or settings.NEWSLETTER_BATCH_SIZE)
    if not granted:
        result.wait, result.more = wait, True
        return result
    token, claimed = delivery_claim(issue_id=issue_id, limit=granted)
    result.claimed = len(claimed)
    if claimed:
        _send_claimed(_load_batch(issue, token, claimed, result))
        NewsletterIssue.objects.filter(pk=issue_id).update(last_activity_at=timezone.now())
    newsletter_issue_finish_if_done(issue_id=issue_id)
    result.more = delivery_has_due_work(issue_id=issue_id)
    return result


def delivery_has_due_work(*, issue_id: int) -> bool:
    rows = Delivery.objects.filter(issue_id=issue_id).order_by()
    now = timezone.now()
    return (
        rows.filter(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.RETRY], next_attempt_at__lte=now).exists()
        or rows.filter(status=DeliveryStatus.CLAIMED, lease_until__lt=now).exists()
    )


def _load_batch(issue: NewsletterIssue, token: uuid.UUID, claimed: list[int], result: BatchResult) -> _Batch:
    rows = list(Delivery.objects.filter(pk__in=claimed, claim_token=token).select_related("subscriber").order_by("pk"))
    subscriber_ids = [row.subscriber_id for row in rows if row.subscriber_id]
    emails = {row.subscriber_id: row.subscriber.email for row in rows if row.subscriber_id}
    hashes = {email_hash(email): pk for pk, email in emails.items()}
    suppressed = {hashes[h] for h in Suppression.objects.filter(email_hash__in=list(hashes)).values_list("email_hash", flat=True)}
    return _Batch(
        token=token,
        rows=rows,
        topics=_topics_by_subscriber(subscriber_ids),
        suppressed=suppressed,
        renderer=renderer_for(issue),
        # Stop well before the lease ends, so that nobody else can have taken a row we are about to send.
        deadline=time.monotonic() + settings.NEWSLETTER_LEASE_SECONDS * 0.8,
        result=result,
    )


def _send_claimed(batch: _Batch) -> None:
    batch.mail_connection = get_connection()
    try:
        with relaxed_commit_durability():
            for row in batch.rows:
                if time.monotonic() > batch.deadline:
                    delivery_release(token=batch.token)
                    break
                _send_row(batch, row)
    finally:
        batch.mail_connection.close()


def _skip_reason(batch: _Batch, row: Delivery):
    subscriber = row.subscriber
    if subscriber is None:
        return _("The subscriber was erased.")
    if subscriber.status != SubscriberStatus.CONFIRMED:
        return _("The subscriber has unsubscribed.")
    if subscriber.pk in batch.suppressed:
        return _("The address is suppressed.")
    return None


def _send_row(batch: _Batch, row: Delivery) -> None:
    skip_reason = _skip_reason(batch, row)
    if skip_reason is not None:
        if delivery_transition(pk=row.pk, token=batch.token, status=DeliveryStatus.SKIPPED, reason=str(skip_reason)):
            batch.result.skipped += 1
        return
    subscriber = row.subscriber
    language = subscriber.language
    message = batch.renderer.message(
        to=subscriber.email,
        language=language,
        links=manage_links(subscriber, language),
        focus_area_ids=batch.topics.get(subscriber.pk, ()),
        wants_events=subscriber.wants_events,
        connection=batch.mail_connection,
    )
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        _record_failure(row, batch.token, subscriber, exc, batch.result)
        batch.mail_connection.close()
        return
    if _mark_sent(row.pk, batch.token, language):
        batch.result.sent += 1


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
        if delivery_transition(pk=row.pk, token=token, status=DeliveryStatus.FAILED, reason=reason):
            result.failed += 1
        if permanent:
            subscriber_record_bounce(email=subscriber.email, kind="hard")
        return
    retry_at = timezone.now() + retry_delay(attempts)
    if delivery_transition(pk=row.pk, token=token, status=DeliveryStatus.RETRY, reason=reason, next_attempt_at=retry_at):
        result.retry += 1


def delivery_recover(*, issue_id: int) -> str:
    """Re-queue the work of one stalled issue; returns what it did. Work that is only due later
    (retries with backoff) is left alone: the next run of the periodic task looks again."""
    issue = NewsletterIssue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).first()
    if issue is None:
        return "none"
    with transaction.atomic():
        if issue.prepared_at is None:
            NewsletterIssue.objects.filter(pk=issue_id).update(last_activity_at=timezone.now())
            newsletter_issue_wake(issue=issue)
            return "prepare"
        if newsletter_issue_finish_if_done(issue_id=issue_id):
            return "finished"
        if not delivery_has_due_work(issue_id=issue_id):
            return "waiting"
        NewsletterIssue.objects.filter(pk=issue_id).update(last_activity_at=timezone.now())
        newsletter_issue_wake(issue=issue)
    return "batches"
