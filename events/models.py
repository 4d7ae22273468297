from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from finest.core.columns import without_base_columns
from finest.core.i18n import TranslatedSlugMixin, slug_for
from finest.core.models import Publishable, PublishableQuerySet, published_q
from finest.core.richtext import RichTextField
from searchindex.querysets import SearchableQuerySet


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    MEETING = "meeting", _("Meeting")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


def _published_related(model, field_name: str):
    # Resolved through the field, so this app does not import the other domain apps.
    return model._meta.get_field(field_name).related_model._default_manager.published()


def organised_by_q(organisation, prefix: str = "") -> models.Q:
    """Events that ``organisation`` organises; ``prefix`` reaches them across a relation."""
    return models.Q(
        models.Exists(Event.organisers.through.objects.filter(event_id=models.OuterRef(f"{prefix}pk"), partner=organisation))
    )


class EventQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_fields = ("title", "summary", "description", "venue_name")

    def upcoming(self):
        return self.filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        return self.filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def with_listing_related(self):
        # What the event card shows: no organisers (the detail page has them).
        return without_base_columns(
            self.select_related("city", "image").prefetch_related("image__renditions"), also=("description",)
        )

    def with_detail_related(self):
        """For the public detail page: linked organisers, projects and sub-events are only
        the public ones, so neither the page nor its JSON-LD points at a 404."""
        return self.select_related("city", "parent", "image").prefetch_related(
            "image__renditions",
            models.Prefetch("organisers", queryset=_published_related(Event, "organisers")),
            models.Prefetch("related_projects", queryset=_published_related(Event, "related_projects")),
            "focus_areas",
            models.Prefetch("children", queryset=Event.objects.published().select_related("city").order_by("start", "pk")),
            models.Prefetch("sessions", queryset=Session.objects.prefetch_related(
                models.Prefetch("speakers", queryset=Speaker.objects.select_related("photo").prefetch_related("photo__renditions")),
            )),
        )

    def for_partner(self, organisation):
        return self.filter(organised_by_q(organisation))


class Event(TranslatedSlugMixin, Publishable):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True, null=True)
    summary = models.TextField(_("summary"), blank=True)
    description = RichTextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED)
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"), db_index=True)
    attendance_mode = models.CharField(
        _("attendance"), max_length=12, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.ForeignKey(
        "core.City", verbose_name=_("city"), on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    online_url = models.URLField(_("online link"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    organisers = models.ManyToManyField("partners.Partner", verbose_name=_("organisers"), blank=True, related_name="organised_events")
    # The organisation that created the event: the one partner that may change its organisers
    # (co-organisers may edit the event, but not lock its owner out). Empty: only staff may.
    owner = models.ForeignKey(
        "partners.Partner", verbose_name=_("owner"), on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_events",
        help_text=_("The organisation that created the event; only it and staff may change the organisers."),
    )
    related_projects = models.ManyToManyField("projects.Project", verbose_name=_("related projects"), blank=True, related_name="events")
    focus_areas = models.ManyToManyField("core.FocusArea", verbose_name=_("focus areas"), blank=True, related_name="events")
    parent = models.ForeignKey(
        "self", verbose_name=_("part of event"), on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    # A library image (alt text, credit, focal point and renditions live there); one image can serve many rows.
    image = models.ForeignKey(
        "medialibrary.Image", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="events",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="events_event_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.title or self.title_fi or ""

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": slug_for(self)})

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED) and not self.online_url:
            errors["online_url"] = _("An online or mixed event needs an online link.")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("An event cannot be part of itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_under_way(self) -> bool:
        return self.start <= timezone.now() <= self.end


class SpeakerQuerySet(models.QuerySet):
    def public(self):
        """Speakers in the programme of a published event: only they have a public page."""
        return self.filter(models.Exists(
            Session.objects.filter(published_q("event__"), speakers=models.OuterRef("pk"))
        ))

    def with_detail_related(self):
        return self.select_related("photo", "partner").prefetch_related("photo__renditions")


def speaker_slug(name: str, exclude_pk=None) -> str:
    """A slug from the name, unique among speakers (namesakes get -2, -3 …)."""
    base = (slugify(name) or "speaker")[:170].strip("-") or "speaker"
    others = Speaker._default_manager.exclude(pk=exclude_pk) if exclude_pk else Speaker._default_manager.all()
    candidate, counter = base, 2
    while others.filter(slug=candidate).exists():
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=160)
    # One slug for all languages, as the name is not translated. Filled from the name once and then
    # kept, so a corrected name does not break links to the page.
    slug = models.SlugField(
        _("slug"), max_length=180, unique=True, blank=True,
        help_text=_("The speaker's address on the site; filled in from the name when left empty."),
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    # The affiliation as the programme shows it, translated ("Aalto-yliopisto", "Aalto-universitetet").
    organisation = models.CharField(_("affiliation"), max_length=200, blank=True)
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner organisation"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="speakers",
    )
    bio = RichTextField(_("biography"), blank=True)
    # A library image (alt text, credit, focal point and renditions live there); one image can serve many rows.
    photo = models.ForeignKey(
        "medialibrary.Image", verbose_name=_("photo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="speakers",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True, db_index=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.slug = slugify(self.slug or "") or speaker_slug(self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:speaker", kwargs={"slug": self.slug})

    @property
    def initials(self) -> str:
        """For the placeholder of a speaker without a photo: "Ralf-Martin Soe" gives "RS"."""
        words = [word for word in self.name.split() if word[:1].isalpha()]
        if not words:
            return ""
        return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


class SessionQuerySet(models.QuerySet):
    def of_published_events(self):
        return self.filter(published_q("event__"))


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(_("description"), blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    speakers = models.ManyToManyField(Speaker, verbose_name=_("speakers"), blank=True, related_name="sessions")

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("programme session")
        verbose_name_plural = _("programme")

    def __str__(self) -> str:
        return self.title or ""

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The session cannot end before it starts.")})
