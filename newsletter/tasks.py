"""Celery tasks: ids in, seconds long, ``acks_late``, no results. They only wake the
services; the delivery rows in the database say what is left to do.

Without REDIS_URL the tasks run in-process (eager). Then a batch task does not
re-enqueue itself (that would recurse once per batch) but drives the issue to the
end in a loop, and the rate limit is honoured by sleeping."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from kombu.exceptions import OperationalError

from . import services
from .models import NewsletterIssue

logger = logging.getLogger(__name__)

# A prepare or batch task hands over to a fresh task after about this long, to stay short.
PREPARE_SLICE_SECONDS = 5.0
BATCH_SLICE_SECONDS = 5.0


def parallel_batches() -> int:
    """How many batch chains one issue runs: in-process (eager) one chain drives the whole issue."""
    from_settings = max(1, settings.NEWSLETTER_PARALLEL_BATCHES)
    return 1 if send_issue_batch.app.conf.task_always_eager else from_settings


@shared_task(bind=True, acks_late=True, ignore_result=True)
def send_confirmation(self, subscriber_id: int) -> None:
    services.subscriber_send_confirmation(subscriber_id=subscriber_id)


@shared_task(bind=True, acks_late=True, ignore_result=True)
def start_issue(self, issue_id: int) -> None:
    services.newsletter_issue_start(issue_id=issue_id, actor=None)


@shared_task(bind=True, acks_late=True, ignore_result=True)
def prepare_issue(self, issue_id: int) -> None:
    deadline = time.monotonic() + PREPARE_SLICE_SECONDS
    while not services.newsletter_issue_prepare_chunk(issue_id=issue_id):
        if not self.request.is_eager and time.monotonic() > deadline:
            prepare_issue.delay(issue_id)
            return
    issue = NewsletterIssue.objects.sending().filter(pk=issue_id, prepared_at__isnull=False).first()
    if issue is not None:
        services.newsletter_issue_wake(issue=issue)


@shared_task(bind=True, acks_late=True, ignore_result=True)
def send_issue_batch(self, issue_id: int, generation: int | None = None) -> None:
    """One link of a batch chain: send batches for a few seconds, then hand over to a fresh task.

    A chain belongs to one wake generation of the issue and ends when a newer one exists. A task
    without a generation (a stray or repeated wake-up) sends one batch and ends. While the hand-over
    fails (the broker is away) the task goes on sending from the database, up to a limit, and the
    supervisor (``recover_stalled``) starts a new generation if the chain ends anyway."""
    if self.request.is_eager:
        drive_issue_inline(issue_id)
        return
    started = time.monotonic()
    while True:
        result = services.delivery_send_batch(issue_id=issue_id)
        if not result.more or generation is None or result.generation != generation:
            return
        elapsed = time.monotonic() - started
        if elapsed + result.wait >= BATCH_SLICE_SECONDS and _hand_over(issue_id, generation, result.wait):
            return
        if elapsed >= BATCH_SLICE_SECONDS * 6:
            return
        time.sleep(result.wait)


def _hand_over(issue_id: int, generation: int, wait: float) -> bool:
    try:
        send_issue_batch.apply_async((issue_id, generation), countdown=wait or None)
    except (OperationalError, OSError):
        logger.warning("newsletter issue %s: the next batch task could not be queued; sending goes on here", issue_id)
        return False
    return True


def drive_issue_inline(issue_id: int) -> int:
    """Send every row that is due now, in this process; returns how many were sent.
    Rows waiting for a later retry are left to the recovery task or the management command."""
    sent = 0
    while True:
        result = services.delivery_send_batch(issue_id=issue_id)
        sent += result.sent
        if result.wait:
            time.sleep(result.wait)
            continue
        if not result.claimed:
            return sent


@shared_task(bind=True, acks_late=True, ignore_result=True)
def start_due_issues(self) -> None:
    for issue_id in NewsletterIssue.objects.due().values_list("pk", flat=True):
        start_issue.delay(issue_id)


@shared_task(bind=True, acks_late=True, ignore_result=True)
def recover_stalled(self) -> None:
    """The supervisor (beat runs it every few seconds): an issue whose heartbeat is older than
    NEWSLETTER_STALL_SECONDS has lost its chains (a killed worker, a Redis restart) and is woken again."""
    quiet_since = timezone.now() - timedelta(seconds=settings.NEWSLETTER_STALL_SECONDS)
    for issue_id in NewsletterIssue.objects.stalled(quiet_since=quiet_since).values_list("pk", flat=True):
        services.delivery_recover(issue_id=issue_id)


@shared_task(bind=True, acks_late=True, ignore_result=True)
def send_owed_confirmations(self) -> None:
    services.subscriber_send_owed_confirmations()


@shared_task(bind=True, acks_late=True, ignore_result=True)
def enforce_retention(self) -> None:
    services.subscriber_enforce_retention()
