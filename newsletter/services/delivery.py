"""The delivery state machine the workers drive.

Delivery rows: queued → claimed (lease_until + claim_token) → sent / retry / failed /
skipped. A batch is claimed under ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL
(SQLite has no row locks; there its single writer plus the claimable re-check in
the UPDATE gives the same result). Every later transition is an UPDATE that names
the claim token, so a worker whose claim was taken over cannot record anything.

The claimed rows are then sent in groups of at most ``GROUP_SIZE`` messages, each group in one
short transaction: lock the group's rows and subscribers (still confirmed?), send each message
over the batch's one SMTP session, note it sent as soon as the server has answered 250, write the
group's "sent" marks, commit. A worker killed between a 250 and that commit leaves at most one
group claimed; after the lease those rows are sent again, each with the same Message-ID. That is
the whole of the at-least-once window: one group per killed worker process.

When the mail server is unavailable (connection refused, 421, timeouts) the batch is
handed back untouched and a circuit breaker shared by all workers holds every claim
for a while, doubling the pause after each outage up to ``NEWSLETTER_CIRCUIT_MAX_SECONDS``.
Attempts count only the failures of one address (4xx for that recipient)."""

from __future__ import annotations

import enum
import re
import smtplib
import time
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import timedelta
from typing import NamedTuple

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
from ..rendering import IssueRenderer, manage_links, message_id, renderer_for
from .issues import newsletter_issue_finish_if_done, newsletter_issue_wake
from .subscribers import email_hash, subscriber_record_bounce

BUCKET = "newsletter"
# Messages sent per transaction (group commit). The group is the crash window: a worker killed after the
# server accepted a message and before the group's commit sends that group again (same Message-IDs).
# Five already saves most of the round trips to PostgreSQL that one transaction per message costs.
GROUP_SIZE = 5
# A server that answers 421 is closing the session: the whole server is unavailable, not the address.
SERVICE_UNAVAILABLE = 421


class Failure(enum.Enum):
    UNAVAILABLE = "unavailable"  # the mail server: back off the whole batch, no attempt is used
    TRANSIENT = "transient"  # this address, for now (4xx): retry later, one attempt used
    PERMANENT = "permanent"  # this address (5xx): failed, counts as a hard bounce


def _bucket() -> SendRateBucket:
    bucket, _created = SendRateBucket.objects.get_or_create(name=BUCKET, defaults={"tokens": max(settings.NEWSLETTER_SEND_RATE, 1.0)})
    return bucket


def delivery_rate_acquire(*, wanted: int) -> tuple[int, float]:
    """Take up to ``wanted`` send permits; returns (granted, seconds to wait). None while the circuit is open.

    The bucket is one database row updated with optimistic versioning, so every worker
    process on every machine shares one rate and one breaker, with or without Redis."""
    rate = settings.NEWSLETTER_SEND_RATE
    capacity = max(rate, 1.0)
    for _attempt in range(5):
        bucket = _bucket()
        now = timezone.now()
        if bucket.circuit_open_until and bucket.circuit_open_until > now:
            return 0, (bucket.circuit_open_until - now).total_seconds()
        if rate <= 0:
            return wanted, 0.0
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


def delivery_circuit_open() -> float:
    """The mail server is unavailable: hold all claims, twice as long as after the previous outage
    in a row. Workers that hit the same outage while it is open count it once. Returns the pause."""
    now = timezone.now()
    bucket = _bucket()
    if bucket.circuit_open_until and bucket.circuit_open_until > now:
        return (bucket.circuit_open_until - now).total_seconds()
    pause = min(settings.NEWSLETTER_CIRCUIT_BASE_SECONDS * 2 ** bucket.circuit_failures, settings.NEWSLETTER_CIRCUIT_MAX_SECONDS)
    # Not versioned: the permit updates never write these two columns.
    SendRateBucket.objects.filter(pk=bucket.pk).filter(
        models.Q(circuit_open_until__isnull=True) | models.Q(circuit_open_until__lte=now)
    ).update(circuit_open_until=now + timedelta(seconds=pause), circuit_failures=models.F("circuit_failures") + 1)
    return pause


def delivery_circuit_close() -> None:
    """A message went through: the next outage starts again from the shortest pause."""
    SendRateBucket.objects.filter(name=BUCKET, circuit_failures__gt=0).update(circuit_failures=0, circuit_open_until=None)


def delivery_claim(*, issue_id: int, limit: int) -> tuple[uuid.UUID, list[int]]:
    """Claim up to ``limit`` due rows of the issue under a fresh token and lease. A claim is not an
    attempt: only a failure of the address counts (see ``_record_failure``)."""
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
        )
    return token, list(Delivery.objects.filter(pk__in=candidates, claim_token=token).values_list("pk", flat=True))


def delivery_transition(*, pk: int, token: uuid.UUID, **fields) -> bool:
    """Record the outcome only if the claim is still ours."""
    return bool(
        Delivery.objects.filter(pk=pk, claim_token=token, status=DeliveryStatus.CLAIMED).update(lease_until=None, **fields)
    )


def _mark_sent(sent: list[tuple[int, str]], token: uuid.UUID) -> int:
    """Mark a group's sent rows, each with the language it went out in, in one statement; returns how many.
    Written out as SQL because it runs for every group and the ORM would rebuild the CASE each time."""
    if not sent:
        return 0
    meta = Delivery._meta
    sent_at = meta.get_field("sent_at").get_db_prep_value(timezone.now(), connection)
    claim_token = meta.get_field("claim_token").get_db_prep_value(token, connection)
    cases = " ".join(["WHEN %s THEN %s"] * len(sent))
    ids = ", ".join(["%s"] * len(sent))
    params = [DeliveryStatus.SENT.value, sent_at, *(value for row in sent for value in row)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {meta.db_table} SET status = %s, sent_at = %s, language = CASE id {cases} END, "  # noqa: S608 - table name from the model
            f"reason = '', lease_until = NULL WHERE id IN ({ids}) AND claim_token = %s AND status = %s",
            [*params, *(pk for pk, _language in sent), claim_token, DeliveryStatus.CLAIMED.value],
        )
        return cursor.rowcount


def delivery_release(*, token: uuid.UUID) -> int:
    """Hand claimed rows back untouched (the batch ran out of lease time, or the server is unavailable)."""
    return Delivery.objects.filter(claim_token=token, status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.QUEUED, claim_token=None, lease_until=None
    )


def _smtp_code(exc: Exception) -> tuple[int | None, str]:
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, raw = next(iter(exc.recipients.values()))
        return code, raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)
    if isinstance(exc, smtplib.SMTPResponseException):
        raw = exc.smtp_error
        return exc.smtp_code, raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)
    return None, str(exc)


def smtp_failure(exc: Exception) -> tuple[Failure, str]:
    """What an exception raised while sending means, and the reason to record.

    No SMTP code (refused connection, timeout, dropped session), 421, or a refused sender
    (our configuration, not the address) mean the server is unavailable."""
    code, detail = _smtp_code(exc)
    reason = (f"{code} {detail}" if code else f"{type(exc).__name__}: {detail}")[:255]
    if code is None or code == SERVICE_UNAVAILABLE or isinstance(exc, smtplib.SMTPSenderRefused):
        return Failure.UNAVAILABLE, reason
    return (Failure.PERMANENT if 500 <= code < 600 else Failure.TRANSIENT), reason


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
    # The issue's wake generation when the batch ran: a chain of an older generation ends.
    generation: int = 0
    unavailable: bool = False


class _Row(NamedTuple):
    pk: int
    subscriber_id: int | None


class _Recipient(NamedTuple):
    """What sending needs of a subscriber (``make_token`` reads ``pk`` and ``key``): a model instance per
    message would cost more than building its MIME bytes."""

    pk: int
    email: str
    language: str
    wants_events: bool
    key: str


class _Locked(NamedTuple):
    """A claimed row whose subscriber is still confirmed, as locked for sending."""

    attempts: int
    subscriber: _Recipient


@dataclass
class _Batch:
    """What one claimed batch needs while it sends."""

    issue_id: int
    token: uuid.UUID
    rows: list[_Row]
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
    """Claim one small batch of the issue and send it. Safe to run any number of times at once.
    Every run is a heartbeat of the issue (``last_activity_at``), also when it only waits."""
    result = BatchResult()
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status != IssueStatus.SENDING or issue.prepared_at is None:
        return result
    result.generation = issue.wake_generation
    NewsletterIssue.objects.filter(pk=issue_id).update(last_activity_at=timezone.now())
    granted, wait = delivery_rate_acquire(wanted=batch_size or settings.NEWSLETTER_BATCH_SIZE)
    if not granted:
        result.wait, result.more = wait, True
        return result
    token, claimed = delivery_claim(issue_id=issue_id, limit=granted)
    result.claimed = len(claimed)
    if claimed:
        _send_claimed(_load_batch(issue, token, claimed, result))
    if result.unavailable:
        result.wait, result.more = delivery_circuit_open(), True
        return result
    if result.sent:
        delivery_circuit_close()
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
    loaded = Delivery.objects.filter(pk__in=claimed, claim_token=token).order_by("pk")
    rows, emails = [], {}
    for pk, subscriber_id, email in loaded.values_list("pk", "subscriber_id", "subscriber__email"):
        rows.append(_Row(pk, subscriber_id))
        if subscriber_id:
            emails[subscriber_id] = email
    hashes = {email_hash(email): pk for pk, email in emails.items()}
    blocked = Suppression.objects.blocking().filter(email_hash__in=list(hashes)).values_list("email_hash", flat=True)
    suppressed = {hashes[h] for h in blocked}
    return _Batch(
        issue_id=issue.pk,
        token=token,
        rows=rows,
        topics=_topics_by_subscriber(list(emails)),
        suppressed=suppressed,
        renderer=renderer_for(issue),
        # Stop well before the lease ends, so that nobody else can have taken a row we are about to send.
        deadline=time.monotonic() + settings.NEWSLETTER_LEASE_SECONDS * 0.8,
        result=result,
    )


def _send_claimed(batch: _Batch) -> None:
    """One SMTP session for the whole batch; each group of messages in its own transaction."""
    batch.mail_connection = get_connection()
    try:
        batch.mail_connection.open()
    except (smtplib.SMTPException, OSError):
        batch.result.unavailable = True
        delivery_release(token=batch.token)
        return
    try:
        with relaxed_commit_durability():
            for start in range(0, len(batch.rows), GROUP_SIZE):
                if _stop(batch):
                    break
                _send_group(batch, batch.rows[start : start + GROUP_SIZE])
        # Whatever is left (out of lease time, or the server went away) goes back untouched.
        delivery_release(token=batch.token)
    finally:
        with suppress(smtplib.SMTPException, OSError):
            batch.mail_connection.close()


def _stop(batch: _Batch) -> bool:
    return batch.result.unavailable or time.monotonic() > batch.deadline


def _skip_reason(row: _Row):
    if row.subscriber_id is None or not Subscriber.objects.filter(pk=row.subscriber_id).exists():
        return _("The subscriber was erased.")
    return _("The subscriber has unsubscribed.")


def _lock_for_sending(pks: list[int], token: uuid.UUID) -> dict[int, _Locked]:
    """The claimed rows among ``pks`` whose subscriber is still confirmed, with both rows locked until the
    transaction ends. An unsubscribe or erasure that commits first is seen here; one that comes later
    waits until the group's messages are sent and marked, so nothing is sent after it is confirmed.
    Written out as SQL because it runs for every group and the ORM would rebuild the join each time; the
    inner join lets PostgreSQL lock both rows."""
    delivery, subscriber = Delivery._meta, Subscriber._meta
    lock = " FOR UPDATE OF d, s" if connection.features.has_select_for_update_of else ""
    claim_token = delivery.get_field("claim_token").get_db_prep_value(token, connection)
    ids = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id, d.attempts, s.id, s.email, s.language, s.wants_events, s.key FROM {delivery.db_table} d "  # noqa: S608 - table names from the models
            f"JOIN {subscriber.db_table} s ON s.id = d.subscriber_id "
            f"WHERE d.id IN ({ids}) AND d.claim_token = %s AND d.status = %s AND s.status = %s ORDER BY d.id{lock}",
            [*pks, claim_token, DeliveryStatus.CLAIMED.value, SubscriberStatus.CONFIRMED.value],
        )
        found = cursor.fetchall()
    return {pk: _Locked(attempts, _Recipient(*subscriber)) for pk, attempts, *subscriber in found}


def _send_group(batch: _Batch, group: list[_Row]) -> None:
    """Send a few messages in one transaction. The marks are written once, just before the commit: until
    the commit nobody else can see them, so writing each right after its 250 would only add a round trip
    to PostgreSQL per message, with the same crash window (the uncommitted group)."""
    sent: list[tuple[int, str]] = []
    with transaction.atomic():
        locked = _lock_for_sending([row.pk for row in group], batch.token)
        for row in group:
            if _stop(batch):
                break  # the rest of the group is released with the batch
            found = locked.get(row.pk)
            if found is None or found.subscriber.pk in batch.suppressed:
                reason = _("The address is suppressed.") if found is not None else _skip_reason(row)
                if delivery_transition(pk=row.pk, token=batch.token, status=DeliveryStatus.SKIPPED, reason=str(reason)):
                    batch.result.skipped += 1
                continue
            if _send_one(batch, row, found):
                sent.append((row.pk, found.subscriber.language))
        # The marks commit when the block ends; a crash before that repeats this group, and no more.
        batch.result.sent += _mark_sent(sent, batch.token)


def _send_one(batch: _Batch, row: _Row, found: _Locked) -> bool:
    """Send one locked row's message; True once the server has accepted it."""
    subscriber = found.subscriber
    message = batch.renderer.message(
        to=subscriber.email,
        language=subscriber.language,
        links=manage_links(subscriber, subscriber.language),
        focus_area_ids=batch.topics.get(subscriber.pk, ()),
        wants_events=subscriber.wants_events,
        connection=batch.mail_connection,
        message_id=message_id(batch.issue_id, subscriber.pk),
    )
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        _record_failure(batch, row.pk, found.attempts, subscriber.email, exc)
        return False
    return True


@contextmanager
def relaxed_commit_durability():
    """A commit per group keeps the crash window one group wide, but waiting for the disk on each
    commit would still cost a disk flush per five messages. Not waiting only matters if PostgreSQL
    itself crashes: the last fraction of a second of "sent" marks could be lost and those few
    recipients could get a second copy, with the same Message-ID. A worker crash loses no mark, and
    an unsubscribe, whose own commit does wait, makes every earlier commit durable with it."""
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


def _record_failure(batch: _Batch, pk: int, attempts: int, email: str, exc: Exception) -> None:
    kind, reason = smtp_failure(exc)
    # Servers often quote the address; the reason is shown to editors, who may not see addresses.
    reason = re.sub(re.escape(email), "<recipient>", reason, flags=re.IGNORECASE)
    if kind is Failure.UNAVAILABLE:
        # Nothing is recorded for the row: the batch goes back as it was and the breaker opens.
        batch.result.unavailable = True
        return
    attempts += 1
    result = batch.result
    if kind is Failure.PERMANENT or attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        if delivery_transition(pk=pk, token=batch.token, status=DeliveryStatus.FAILED, reason=reason, attempts=attempts):
            result.failed += 1
        if kind is Failure.PERMANENT:
            subscriber_record_bounce(email=email, kind="hard")
        return
    retry_at = timezone.now() + retry_delay(attempts)
    if delivery_transition(
        pk=pk, token=batch.token, status=DeliveryStatus.RETRY, reason=reason, next_attempt_at=retry_at, attempts=attempts
    ):
        result.retry += 1


def delivery_recover(*, issue_id: int) -> str:
    """Wake one stalled issue again (a new generation of batch chains); returns what it did. Work that
    is only due later (retries with backoff) is left alone: the next run of the supervisor looks again."""
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
