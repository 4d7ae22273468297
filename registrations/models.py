"""Registration for an event or one of its sessions: the settings staff choose
(``Registration``), its free questions, and the people who sign up (``Registrant``).

Places are counted from the registrant rows under a row lock on the ``Registration``
(see services.py), so the counts are never stored twice and never drift."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistrationState(models.TextChoices):
    OPEN = "open", _("Open")
    WAITLIST = "waitlist", _("Waiting list only")
    FULL = "full", _("Full")
    CLOSED = "closed", _("Closed")


class RegistrantStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for email confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Hold(models.TextChoices):
    """What a pending sign-up keeps for itself until its email is confirmed or the hold ends."""

    NONE = "", _("Nothing")
    PLACE = "place", _("A place")
    WAITLIST = "waitlist", _("A place on the waiting list")


MAX_REMINDER_DAYS = 30


def new_key() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Counts:
    confirmed: int = 0
    waitlisted: int = 0
    cancelled: int = 0
    pending: int = 0
    held_places: int = 0
    held_waitlist: int = 0

    @property
    def taken_places(self) -> int:
        return self.confirmed + self.held_places

    @property
    def taken_waitlist(self) -> int:
        return self.waitlisted + self.held_waitlist


class RegistrationQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)

    def for_event(self, event):
        return self.filter(event=event)

    def for_partner(self, organisation):
        """Registrations of the events ``organisation`` co-organises."""
        return self.filter(event__organisers=organisation).distinct()

    def with_counts(self, now: datetime | None = None):
        """Each registration with its ``count_*`` annotations, in the same query."""
        now = now or timezone.now()
        status = "registrants__status"

        def count(condition: models.Q) -> models.Count:
            return models.Count("registrants", filter=condition)

        return self.annotate(
            count_confirmed=count(models.Q(**{status: RegistrantStatus.CONFIRMED})),
            count_waitlisted=count(models.Q(**{status: RegistrantStatus.WAITLISTED})),
            count_cancelled=count(models.Q(**{status: RegistrantStatus.CANCELLED})),
            count_pending=count(models.Q(**{status: RegistrantStatus.PENDING})),
            count_held_places=count(
                models.Q(registrants__status=RegistrantStatus.PENDING, registrants__hold=Hold.PLACE, registrants__hold_until__gt=now)
            ),
            count_held_waitlist=count(
                models.Q(registrants__status=RegistrantStatus.PENDING, registrants__hold=Hold.WAITLIST, registrants__hold_until__gt=now)
            ),
        )

    def with_related(self):
        return self.select_related("event", "session").prefetch_related("questions")

    def past_retention(self, now: datetime | None = None):
        """Registrations whose event ended more than REGISTRATIONS_RETENTION_DAYS ago."""
        now = now or timezone.now()
        return self.filter(event__end__lt=now - timedelta(days=settings.REGISTRATIONS_RETENTION_DAYS))


class Registration(models.Model):
    """Registration settings for one event, or for one session of it."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    session = models.OneToOneField(
        "events.Session", on_delete=models.CASCADE, null=True, blank=True, related_name="registration",
        verbose_name=_("programme session"), help_text=_("Leave empty to register for the whole event."),
    )
    enabled = models.BooleanField(_("registration on"), default=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True, help_text=_("Empty: open now."))
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True, help_text=_("Empty: closes when the event starts."))
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, help_text=_("Empty: no limit."))
    waitlist_enabled = models.BooleanField(_("waiting list"), default=True)
    waitlist_capacity = models.PositiveIntegerField(
        _("places on the waiting list"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    max_per_email = models.PositiveSmallIntegerField(
        _("registrations per email address"), default=1, validators=[MinValueValidator(1)]
    )
    ask_organisation = models.BooleanField(_("ask for the organisation"), default=True)
    ask_dietary = models.BooleanField(_("ask for dietary needs"), default=False)
    ask_accessibility = models.BooleanField(_("ask for accessibility needs"), default=False)
    ask_consent_share = models.BooleanField(_("ask for consent to share contact details with co-organisers"), default=False)
    confirmation_text = models.TextField(_("confirmation text"), blank=True, help_text=_("Added to the confirmation email."))
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder, days before"), default=2, help_text=_("0: no reminder."),
        validators=[MaxValueValidator(MAX_REMINDER_DAYS)],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "session__start", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event"], condition=models.Q(session__isnull=True), name="registrations_one_per_event"
            ),
        ]

    def __str__(self) -> str:
        if self.session_id:
            return f"{self.event} – {self.session}"
        return str(self.event)

    def clean(self):
        super().clean()
        if self.session_id and self.event_id and self.session.event_id != self.event_id:
            raise ValidationError({"session": _("The session must belong to the event.")})
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Registration must close after it opens.")})

    @property
    def starts_at(self) -> datetime:
        return self.session.start if self.session_id else self.event.start

    @property
    def effective_closes_at(self) -> datetime:
        return self.closes_at or self.starts_at

    def counts(self) -> Counts:
        """From the ``with_counts()`` annotations when present, else one query."""
        if not hasattr(self, "count_confirmed"):
            annotated = Registration.objects.with_counts().get(pk=self.pk)
            for name in ("confirmed", "waitlisted", "cancelled", "pending", "held_places", "held_waitlist"):
                setattr(self, f"count_{name}", getattr(annotated, f"count_{name}"))
        return Counts(
            confirmed=self.count_confirmed, waitlisted=self.count_waitlisted, cancelled=self.count_cancelled,
            pending=self.count_pending, held_places=self.count_held_places, held_waitlist=self.count_held_waitlist,
        )

    def is_closed(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if not self.enabled or self.event.is_cancelled or self.event.status == "postponed":
            return True
        if self.opens_at and now < self.opens_at:
            return True
        return now >= self.effective_closes_at

    def opens_later(self, now: datetime | None = None) -> bool:
        """Closed only because its opening time has not come."""
        now = now or timezone.now()
        return bool(self.enabled and self.opens_at and now < self.opens_at and not self.event.is_cancelled)

    def places_left(self, counts: Counts) -> int | None:
        return None if self.capacity is None else max(self.capacity - counts.taken_places, 0)

    def waitlist_left(self, counts: Counts) -> int | None:
        if not self.waitlist_enabled:
            return 0
        return None if self.waitlist_capacity is None else max(self.waitlist_capacity - counts.taken_waitlist, 0)

    def state(self, now: datetime | None = None) -> str:
        if self.is_closed(now):
            return RegistrationState.CLOSED
        counts = self.counts()
        if self.places_left(counts) != 0:
            return RegistrationState.OPEN
        if self.waitlist_left(counts) != 0:
            return RegistrationState.WAITLIST
        return RegistrationState.FULL


class Question(models.Model):
    """A free question on the form, translated."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="questions", verbose_name=_("registration"))
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text or ""


class RegistrantQuerySet(models.QuerySet):
    def active(self):
        """Holding or owning a place or a waiting-list place (cancelled ones excluded)."""
        return self.exclude(status=RegistrantStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrantStatus.CONFIRMED)

    def waitlist_order(self):
        return self.filter(status=RegistrantStatus.WAITLISTED).order_by("waitlisted_at", "pk")

    def consenting(self):
        return self.filter(consent_share=True, erased_at__isnull=True)

    def for_partner(self, organisation):
        return self.filter(registration__event__organisers=organisation).distinct()

    def not_erased(self):
        return self.filter(erased_at__isnull=True)

    def notice_owed(self):
        """Whose last email was about another status than the current one (the email task was lost or failed)."""
        return self.not_erased().exclude(notified_status=models.F("status"))

    def reminder_candidates(self, now: datetime | None = None):
        """Confirmed, not yet reminded, of scheduled events starting within the longest reminder period;
        ``Registrant.reminder_due`` then applies each registration's own number of days."""
        now = now or timezone.now()
        return self.confirmed().not_erased().filter(
            reminder_sent_at__isnull=True, registration__reminder_days__gt=0, registration__event__status="scheduled",
            registration__event__start__gt=now, registration__event__start__lte=now + timedelta(days=MAX_REMINDER_DAYS),
        )

    def search(self, query: str):
        query = (query or "").strip()
        if not query:
            return self
        return self.filter(models.Q(name__icontains=query) | models.Q(email__icontains=query) | models.Q(organisation__icontains=query))


class Registrant(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="registrants", verbose_name=_("registration"))
    status = models.CharField(_("status"), max_length=12, choices=RegistrantStatus.choices, default=RegistrantStatus.PENDING, db_index=True)
    hold = models.CharField(_("holds"), max_length=10, choices=Hold.choices, blank=True, default=Hold.NONE)
    hold_until = models.DateTimeField(_("held until"), null=True, blank=True)
    # Part of every signed link; a new key (on erasure) makes the old links worthless.
    key = models.CharField(max_length=40, default=new_key, editable=False, verbose_name=_("key"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), max_length=254, db_index=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    dietary = models.CharField(_("dietary needs"), max_length=500, blank=True)
    accessibility = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    consent_share = models.BooleanField(_("may share contact details with co-organisers"), default=False)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    notified_status = models.CharField(max_length=12, blank=True, editable=False, verbose_name=_("notified status"))
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True, editable=False)

    objects = RegistrantQuerySet.as_manager()

    class Meta:
        ordering = ["registration", "created_at", "pk"]
        verbose_name = _("registrant")
        verbose_name_plural = _("registrants")
        indexes = [models.Index(fields=["registration", "status"], name="registrant_reg_status")]

    def __str__(self) -> str:
        return self.name or str(_("(erased)"))

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def reminder_due(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.registration.event.start - timedelta(days=self.registration.reminder_days) <= now

    def waitlist_position(self) -> int | None:
        if self.status != RegistrantStatus.WAITLISTED:
            return None
        ahead = Registrant.objects.filter(registration_id=self.registration_id, status=RegistrantStatus.WAITLISTED).filter(
            models.Q(waitlisted_at__lt=self.waitlisted_at) | models.Q(waitlisted_at=self.waitlisted_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


class APIKeyRegistrantsScope(models.Model):
    """Grants a partner API key the registrants scope: the consenting registrants of the
    events its organisation co-organises. Without it a key sees only the counts."""

    key = models.OneToOneField(
        "partners.PartnerAPIKey", on_delete=models.CASCADE, related_name="registrants_scope", verbose_name=_("API key")
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("registrants scope of an API key")
        verbose_name_plural = _("registrants scopes of API keys")

    def __str__(self) -> str:
        return str(self.key)


class Announcement(models.Model):
    """A message staff send to the registrants of one registration, each in their own language."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="announcements", verbose_name=_("registration"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")

    def __str__(self) -> str:
        return self.subject or ""


class AnnouncementDelivery(models.Model):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("announcement"))
    registrant = models.ForeignKey(
        Registrant, on_delete=models.CASCADE, related_name="announcement_deliveries", verbose_name=_("registrant"),
    )
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["announcement", "registrant"], name="registrations_delivery_once")]
