"""Subscribers with their consent record, suppressions, rate-limit hits, issues and
one delivery row per (issue, subscriber). The delivery rows are the truth about
sending; the broker only wakes the workers that claim them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finest.core.models import TimeStamped
from finest.core.richtext import RichTextField


def new_subscriber_key() -> str:
    return secrets.token_urlsafe(12)


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class UnsubscribeReason(models.TextChoices):
    USER = "user", _("Unsubscribed by the subscriber")
    BOUNCE = "bounce", _("Repeated hard bounces")
    COMPLAINT = "complaint", _("Spam complaint")
    STAFF = "staff", _("Removed by staff")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SubscriberStatus.CONFIRMED)

    def pending(self):
        return self.filter(status=SubscriberStatus.PENDING)

    def unconfirmed_before(self, moment):
        return self.pending().filter(created_at__lt=moment)

    def confirmation_owed(self, *, requested_after):
        """Pending sign-ups whose confirmation mail was allowed but has not gone out."""
        return self.pending().filter(confirmation_requested_at__gt=requested_after).filter(
            models.Q(confirmation_sent_at__isnull=True) | models.Q(confirmation_sent_at__lt=models.F("confirmation_requested_at"))
        )

    def with_topics(self):
        return self.prefetch_related("focus_areas")


class Subscriber(models.Model):
    email = models.EmailField(_("email"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    focus_areas = models.ManyToManyField(
        "core.FocusArea", verbose_name=_("focus areas"), blank=True, related_name="newsletter_subscribers"
    )
    wants_events = models.BooleanField(_("events"), default=False)
    status = models.CharField(
        _("status"), max_length=14, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING, db_index=True
    )
    # Part of every signed link, so a link stops working once the row is erased or the key is rotated.
    key = models.CharField(max_length=32, default=new_subscriber_key, editable=False, verbose_name=_("key"))
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    unsubscribe_reason = models.CharField(_("reason"), max_length=12, choices=UnsubscribeReason.choices, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=32, blank=True)
    consent_language = models.CharField(_("consent language"), max_length=8, blank=True)
    consent_ip_hash = models.CharField(_("IP address hash"), max_length=64, blank=True)
    hard_bounces = models.PositiveSmallIntegerField(_("hard bounces"), default=0)
    # A confirmation mail is owed when requested is later than sent; a lost task (broker down) is re-sent.
    confirmation_requested_at = models.DateTimeField(_("confirmation requested"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class SuppressionReason(models.TextChoices):
    ERASED = "erased", _("Erased on request")
    BOUNCE = "bounce", _("Hard bounces")
    COMPLAINT = "complaint", _("Spam complaint")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SuppressionQuerySet(models.QuerySet):
    def blocking(self):
        """Entries that refuse a new sign-up. Someone who unsubscribed may sign up again (and must
        confirm again); their entry only records when and why they left."""
        return self.exclude(reason=SuppressionReason.UNSUBSCRIBED)


class Suppression(models.Model):
    """What is left of a subscriber after unsubscribing, erasure, bounces or a complaint: a keyed
    hash of the address, the reason and the time. No address, language or topics."""

    email_hash = models.CharField(_("address hash"), max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=12, choices=SuppressionReason.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return f"{self.email_hash[:12]}… ({self.reason})"


class RateLimitHit(models.Model):
    """One counted event (a sign-up from an IP, a confirmation mail to an address).
    Kept in the database so that the limits hold without Redis and across restarts."""

    scope = models.CharField(max_length=24, verbose_name=_("scope"))
    key_hash = models.CharField(max_length=64, verbose_name=_("key hash"))
    at = models.DateTimeField(default=timezone.now, verbose_name=_("time"))

    class Meta:
        indexes = [models.Index(fields=["scope", "key_hash", "at"], name="newsletter_ratelimit_lookup")]


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    PAUSED = "paused", _("Paused")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class NewsletterIssueQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(status=IssueStatus.SCHEDULED, scheduled_at__lte=now or timezone.now())

    def sending(self):
        return self.filter(status=IssueStatus.SENDING)

    def stalled(self, *, quiet_since):
        """Sending issues with no progress since ``quiet_since``: their wake-ups were lost."""
        return self.sending().filter(models.Q(last_activity_at__lt=quiet_since) | models.Q(last_activity_at__isnull=True))

    def archived(self):
        """The public archive: issues that went out, newest first. Drafts, scheduled, paused and
        cancelled issues are not in it."""
        return self.filter(status=IssueStatus.SENT).order_by("-started_at", "-pk")

    def last_sent_start(self, exclude_pk=None):
        """When the latest issue that went out started sending: the digest covers what came after."""
        queryset = self.filter(status__in=[IssueStatus.SENT, IssueStatus.SENDING], started_at__isnull=False)
        if exclude_pk is not None:
            queryset = queryset.exclude(pk=exclude_pk)
        return queryset.aggregate(latest=models.Max("started_at"))["latest"]


class NewsletterIssue(TimeStamped):
    subject = models.CharField(_("subject"), max_length=200)
    body = RichTextField(_("body"), blank=True)
    include_digest = models.BooleanField(
        _("include a digest"),
        default=True,
        help_text=_("Add the news and events published since the last issue, following each subscriber's topics."),
    )
    status = models.CharField(_("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT, db_index=True)
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    digest_since = models.DateTimeField(_("digest from"), null=True, blank=True, editable=False)
    digest_until = models.DateTimeField(_("digest until"), null=True, blank=True, editable=False)
    # Delivery rows are created in chunks ordered by subscriber id; the cursor lets a lost task resume.
    prepare_cursor = models.PositiveBigIntegerField(default=0, editable=False, verbose_name=_("preparation position"))
    prepared_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("prepared at"))
    # A heartbeat: every batch run writes it, so the supervisor sees at once an issue nobody works on.
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("last activity"))
    # Each wake-up starts a new generation of batch chains; a chain of an older one ends itself,
    # so re-waking a stalled issue never multiplies the chains.
    wake_generation = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("wake-up count"))

    objects = NewsletterIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self) -> str:
        return self.subject or self.subject_fi or ""

    def get_absolute_url(self) -> str:
        """The issue's web version in the archive (only sent issues answer it)."""
        return reverse("newsletter:archive-issue", kwargs={"public_id": self.public_id})

    def progress(self) -> dict:
        """The counts the admin shows while the issue sends (one aggregate query)."""
        counts = Delivery.objects.filter(issue=self).status_counts()
        return {
            "status": self.status,
            "status_label": str(self.get_status_display()),
            "queued": counts[DeliveryStatus.QUEUED] + counts[DeliveryStatus.RETRY],
            "claimed": counts[DeliveryStatus.CLAIMED],
            "sent": counts[DeliveryStatus.SENT],
            "failed": counts[DeliveryStatus.FAILED],
            "skipped": counts[DeliveryStatus.SKIPPED],
            "retry": counts[DeliveryStatus.RETRY],
            "total": counts["total"],
            "prepared": self.prepared_at is not None,
            "finished": self.status in (IssueStatus.SENT, IssueStatus.CANCELLED),
        }


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    CLAIMED = "claimed", _("Being sent")
    RETRY = "retry", _("Waiting to retry")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


UNFINISHED_DELIVERY = (DeliveryStatus.QUEUED, DeliveryStatus.CLAIMED, DeliveryStatus.RETRY)


class DeliveryQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=UNFINISHED_DELIVERY)

    def claimable(self, now=None):
        """Rows a worker may take: waiting ones that are due, and claims whose lease ran out."""
        now = now or timezone.now()
        return self.filter(
            models.Q(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.RETRY], next_attempt_at__lte=now)
            | models.Q(status=DeliveryStatus.CLAIMED, lease_until__lt=now)
        )

    def status_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(DeliveryStatus.values, 0)
        for row in self.values("status").annotate(n=models.Count("pk")).order_by():
            counts[row["status"]] = row["n"]
        counts["total"] = sum(counts[status] for status in DeliveryStatus.values)
        return counts


class Delivery(models.Model):
    """One issue to one subscriber: queued → claimed (lease and token) → sent / retry / failed / skipped."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("issue"))
    # Erasure removes the subscriber; the row stays, anonymous, so the issue's counts stay true.
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries", verbose_name=_("subscriber")
    )
    status = models.CharField(_("status"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    claim_token = models.UUIDField(null=True, blank=True, editable=False, verbose_name=_("claim token"))
    lease_until = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("reserved until"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_one_per_subscriber"),
        ]
        indexes = [models.Index(fields=["issue", "status", "next_attempt_at"], name="newsletter_delivery_work")]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"


class SendRateBucket(models.Model):
    """The global token bucket all workers share, so the send rate holds across processes, and the
    circuit breaker for the mail server: while it is open no worker claims anything."""

    name = models.CharField(max_length=32, unique=True, verbose_name=_("name"))
    tokens = models.FloatField(default=0, verbose_name=_("sending allowance"))
    refilled_at = models.DateTimeField(default=timezone.now, verbose_name=_("refilled at"))
    version = models.PositiveBigIntegerField(default=0, verbose_name=_("version"))
    circuit_open_until = models.DateTimeField(null=True, blank=True, verbose_name=_("paused until"))
    # Outages in a row: the breaker stays open twice as long after each one, up to a maximum.
    circuit_failures = models.PositiveSmallIntegerField(default=0, verbose_name=_("consecutive failures"))

    def __str__(self) -> str:
        return self.name
