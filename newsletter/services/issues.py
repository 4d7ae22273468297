"""Writes about newsletter issues: schedule, start (freeze the digest window and prepare one
delivery row per confirmed subscriber), pause, resume, cancel, finish, and the test copy and
preview staff see before sending. Sending itself is in ``delivery``."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import tasks
from ..changelog import archive_changed
from ..models import Delivery, DeliveryStatus, IssueStatus, NewsletterIssue, Subscriber
from ..rendering import default_language, preview_links, renderer_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)

# Without a previous issue the first digest reaches back this far.
FIRST_DIGEST_DAYS = 30
PREPARE_CHUNK = 2000


def _log(action: str, issue_id: int, actor: AbstractBaseUser | None) -> None:
    logger.info("newsletter issue %s: %s by %s", issue_id, action, getattr(actor, "pk", None) or "no user (the scheduler or the shell)")


def newsletter_issue_schedule(*, issue: NewsletterIssue, at: datetime | None, actor: AbstractBaseUser | None) -> NewsletterIssue:
    if issue.status not in (IssueStatus.DRAFT, IssueStatus.SCHEDULED):
        raise ValidationError(_("Only a draft or a scheduled issue can be scheduled."))
    if at is None:
        raise ValidationError(_("Choose when to send the issue."))
    with transaction.atomic():
        issue.status = IssueStatus.SCHEDULED
        issue.scheduled_at = at
        issue.full_clean()
        issue.save(update_fields=["status", "scheduled_at", "modified_at"])
    _log("scheduled", issue.pk, actor)
    return issue


def newsletter_issue_start(*, issue_id: int, actor: AbstractBaseUser | None) -> bool:
    """Send now (a draft or scheduled issue): freeze the digest window and prepare the delivery rows.
    ``actor`` is None when the scheduler starts a scheduled issue."""
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
        tasks.prepare_issue.delay_on_commit(issue.pk)
    _log("started", issue_id, actor)
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


def newsletter_issue_pause(*, issue: NewsletterIssue, actor: AbstractBaseUser | None) -> bool:
    """Workers stop claiming; rows already claimed finish their batch."""
    with transaction.atomic():
        paused = bool(NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.SENDING).update(status=IssueStatus.PAUSED))
    if paused:
        _log("paused", issue.pk, actor)
    return paused


def newsletter_issue_resume(*, issue: NewsletterIssue, actor: AbstractBaseUser | None) -> bool:
    with transaction.atomic():
        resumed = NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.PAUSED).update(
            status=IssueStatus.SENDING, last_activity_at=timezone.now()
        )
        if resumed:
            issue.refresh_from_db()
            newsletter_issue_wake(issue=issue)
    if resumed:
        _log("resumed", issue.pk, actor)
    return bool(resumed)


def newsletter_issue_wake(*, issue: NewsletterIssue) -> None:
    """Queue the work the issue needs next, once the current transaction commits: its preparation,
    or a new generation of batch chains (the chains of the older generation end at their next run)."""
    if issue.prepared_at is None:
        tasks.prepare_issue.delay_on_commit(issue.pk)
        return
    with transaction.atomic():
        NewsletterIssue.objects.filter(pk=issue.pk).update(wake_generation=models.F("wake_generation") + 1)
        generation = NewsletterIssue.objects.values_list("wake_generation", flat=True).get(pk=issue.pk)
        for _chain in range(tasks.parallel_batches()):
            tasks.send_issue_batch.delay_on_commit(issue.pk, generation)


def newsletter_issue_cancel(*, issue: NewsletterIssue, actor: AbstractBaseUser | None) -> bool:
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
    if cancelled:
        _log("cancelled", issue.pk, actor)
    return bool(cancelled)


def newsletter_issue_finish_if_done(*, issue_id: int) -> bool:
    """An issue is sent only when it is prepared and no row is queued, claimed or waiting to retry."""
    if Delivery.objects.filter(issue_id=issue_id).unfinished().exists():
        return False
    # Once prepared, no row is created any more and a finished row never becomes unfinished, so the check holds.
    with transaction.atomic():
        sent = bool(
            NewsletterIssue.objects.filter(pk=issue_id, status=IssueStatus.SENDING, prepared_at__isnull=False)
            .update(status=IssueStatus.SENT, finished_at=timezone.now())
        )
        if sent:
            # The update sends no signal: the archive's cached pages must learn of the new issue.
            archive_changed()
        return sent


def newsletter_issue_send_test(*, issue: NewsletterIssue, to: str, language: str, actor: AbstractBaseUser | None) -> None:
    """A test copy with every topic, to any address; its links lead to the subscription page."""
    language = default_language(language)
    renderer = renderer_for(_with_digest_window(issue))
    message = renderer.message(
        to=to, language=language, links=preview_links(language),
        focus_area_ids=[], wants_events=True, connection=get_connection(),
    )
    message.send(fail_silently=False)
    _log("test copy sent", issue.pk, actor)


def _with_digest_window(issue: NewsletterIssue) -> NewsletterIssue:
    """Before sending starts the window is not frozen yet: preview what it would be now."""
    if issue.digest_until is None:
        now = timezone.now()
        issue.digest_since = NewsletterIssue.objects.last_sent_start(exclude_pk=issue.pk) or now - timedelta(days=FIRST_DIGEST_DAYS)
        issue.digest_until = now
    return issue


def newsletter_issue_preview(*, issue: NewsletterIssue, language: str) -> EmailMultiAlternatives:
    """The message a subscriber with every topic would get, for the admin preview."""
    language = default_language(language)
    renderer = renderer_for(_with_digest_window(issue))
    return renderer.message(
        to="preview@example.invalid", language=language, links=preview_links(language), focus_area_ids=[], wants_events=True
    )
