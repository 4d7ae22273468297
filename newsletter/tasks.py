"""Celery tasks: ids in, seconds long, ``acks_late``, no results. They only wake the
services; the delivery rows in the database say what is left to do.

Without REDIS_URL the tasks run in-process (eager). Then a batch task does not
re-enqueue itself (that would recurse once per batch) but drives the issue to the
end in a loop, and the rate limit is honoured by sleeping."""

from __future__ import annotations

import time

from celery import shared_task
from django.conf import settings

from . import services
from .models import NewsletterIssue

TASK_OPTIONS = {"acks_late": True, "ignore_result": True}
# A prepare task hands over to a fresh task after this long, to stay short.
PREPARE_SLICE_SECONDS = 5.0


@shared_task(bind=True, **TASK_OPTIONS)
def send_confirmation(self, subscriber_id: int) -> None:
    services.subscriber_send_confirmation(subscriber_id=subscriber_id)


@shared_task(bind=True, **TASK_OPTIONS)
def start_issue(self, issue_id: int) -> None:
    services.newsletter_issue_start(issue_id=issue_id)


@shared_task(bind=True, **TASK_OPTIONS)
def prepare_issue(self, issue_id: int) -> None:
    deadline = time.monotonic() + PREPARE_SLICE_SECONDS
    while not services.newsletter_issue_prepare_chunk(issue_id=issue_id):
        if not self.request.is_eager and time.monotonic() > deadline:
            prepare_issue.delay(issue_id)
            return
    if NewsletterIssue.objects.sending().filter(pk=issue_id, prepared_at__isnull=False).exists():
        for _i in range(1 if self.request.is_eager else max(1, settings.NEWSLETTER_PARALLEL_BATCHES)):
            send_issue_batch.delay(issue_id)


@shared_task(bind=True, **TASK_OPTIONS)
def send_issue_batch(self, issue_id: int) -> None:
    if self.request.is_eager:
        drive_issue_inline(issue_id)
        return
    result = services.issue_send_batch(issue_id=issue_id)
    # The chain ends when nothing is due now; rows waiting for a retry are picked up by recover_stalled.
    if result.more:
        send_issue_batch.apply_async((issue_id,), countdown=result.wait or None)


def drive_issue_inline(issue_id: int) -> int:
    """Send every row that is due now, in this process; returns how many were sent.
    Rows waiting for a later retry are left to the recovery task or the management command."""
    sent = 0
    while True:
        result = services.issue_send_batch(issue_id=issue_id)
        sent += result.sent
        if result.wait:
            time.sleep(result.wait)
            continue
        if not result.claimed:
            return sent


@shared_task(bind=True, **TASK_OPTIONS)
def start_due_issues(self) -> None:
    for issue_id in NewsletterIssue.objects.due().values_list("pk", flat=True):
        start_issue.delay(issue_id)


@shared_task(bind=True, **TASK_OPTIONS)
def recover_stalled(self) -> None:
    for issue_id in services.issues_stalled().values_list("pk", flat=True):
        services.issue_recover(issue_id=issue_id)


@shared_task(bind=True, **TASK_OPTIONS)
def send_owed_confirmations(self) -> None:
    services.subscribers_send_owed_confirmations()


@shared_task(bind=True, **TASK_OPTIONS)
def purge_unconfirmed(self) -> None:
    services.subscribers_purge_unconfirmed()
