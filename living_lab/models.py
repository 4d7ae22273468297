from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finest.core.columns import without_base_columns
from finest.core.i18n import TranslatedSlugMixin, slug_for
from finest.core.models import Country, Publishable, PublishableQuerySet
from finest.core.richtext import RichTextField
from searchindex.querysets import SearchableQuerySet

CLOSING_SOON = timedelta(days=14)


class PilotPhase(models.TextChoices):
    OPEN_CALL = "open_call", _("Open call")
    SELECTED = "selected", _("Selected")
    PILOTING = "piloting", _("Piloting")
    EVALUATION = "evaluation", _("Evaluation")
    COMPLETED = "completed", _("Completed")


class OpenCallState(models.TextChoices):
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open")
    CLOSING_SOON = "closing_soon", _("Closing soon")
    CLOSED = "closed", _("Closed")


class OpenCallQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_fields = ("title", "summary", "description")

    def with_state(self, state: str):
        now = timezone.now()
        return {
            OpenCallState.UPCOMING: self.filter(opens_at__gt=now),
            OpenCallState.OPEN: self.filter(opens_at__lte=now, deadline__gt=now + CLOSING_SOON),
            OpenCallState.CLOSING_SOON: self.filter(opens_at__lte=now, deadline__gt=now, deadline__lte=now + CLOSING_SOON),
            OpenCallState.CLOSED: self.filter(deadline__lte=now),
        }.get(state, self.none())

    def accepting(self):
        now = timezone.now()
        return self.filter(opens_at__lte=now, deadline__gt=now)

    def with_listing_related(self):
        # What the call card shows: neither host, focus areas, cities nor the long texts (the detail page has them).
        return without_base_columns(self.all(), also=("description", "eligibility"))

    def for_partner(self, organisation):
        return self.filter(host=organisation)



class OpenCall(TranslatedSlugMixin, Publishable):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True, null=True)
    summary = models.TextField(_("summary"), blank=True)
    description = RichTextField(_("description"), blank=True)
    eligibility = RichTextField(_("who can apply"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    deadline = models.DateTimeField(_("deadline"), db_index=True)
    total_budget = models.DecimalField(
        _("total budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    max_grant = models.DecimalField(
        _("maximum grant per pilot (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    host = models.ForeignKey(
        "partners.Partner", verbose_name=_("organiser"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="open_calls",
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="open_calls",
    )
    focus_areas = models.ManyToManyField("core.FocusArea", verbose_name=_("focus areas"), blank=True, related_name="open_calls")
    cities = models.ManyToManyField("core.City", verbose_name=_("cities and regions"), blank=True, related_name="open_calls")
    application_url = models.URLField(_("application link"), blank=True)

    objects = OpenCallQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "pk"]
        verbose_name = _("open call")
        verbose_name_plural = _("open calls")

    def __str__(self) -> str:
        return self.title or self.title_fi or ""

    def get_absolute_url(self) -> str:
        return reverse("living_lab:call-detail", kwargs={"slug": slug_for(self)})

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.deadline and self.deadline <= self.opens_at:
            errors["deadline"] = _("The deadline must be after the opening time.")
        if self.max_grant is not None and self.total_budget is not None and self.max_grant > self.total_budget:
            errors["max_grant"] = _("The maximum grant cannot exceed the call's total budget.")
        if errors:
            raise ValidationError(errors)

    @property
    def call_state(self) -> str:
        now = timezone.now()
        if self.opens_at > now:
            return OpenCallState.UPCOMING
        if self.deadline <= now:
            return OpenCallState.CLOSED
        if self.deadline - now <= CLOSING_SOON:
            return OpenCallState.CLOSING_SOON
        return OpenCallState.OPEN

    def get_call_state_display(self) -> str:
        return OpenCallState(self.call_state).label


def pilot_of_q(organisation, prefix: str = "") -> models.Q:
    """Pilots that ``organisation`` hosts or takes part in; ``prefix`` reaches them across a relation."""
    participates = Pilot.participants.through.objects.filter(pilot_id=models.OuterRef(f"{prefix}pk"), partner=organisation)
    return models.Q(**{f"{prefix}host": organisation}) | models.Q(models.Exists(participates))


class PilotQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_fields = ("title", "summary", "challenge", "solution")

    def with_listing_related(self):
        return without_base_columns(
            # The pilot card shows the cities and the focus area, not the host.
            self.select_related("focus_area", "image").prefetch_related("cities", "image__renditions"),
            also=("challenge", "solution", "results", "lessons_learned"),
        )

    def with_detail_related(self):
        # For the public detail page: only public participants are listed (and put in the JSON-LD).
        participants = Pilot._meta.get_field("participants").related_model._default_manager.published()
        return self.select_related("host", "focus_area", "project", "open_call", "image").prefetch_related(
            "cities", "image__renditions", models.Prefetch("participants", queryset=participants),
            models.Prefetch("kpis", queryset=KPI.objects.prefetch_related(
                models.Prefetch("values", queryset=KPIValue.objects.select_related("city"))
            )),
        )

    def cross_border(self):
        return self.filter(cities__country=Country.FINLAND).filter(cities__country=Country.ESTONIA).distinct()

    def for_partner(self, organisation):
        return self.filter(pilot_of_q(organisation))


class Pilot(TranslatedSlugMixin, Publishable):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True, null=True)
    summary = models.TextField(_("summary"), blank=True)
    challenge = RichTextField(_("challenge"), blank=True)
    solution = RichTextField(_("solution"), blank=True)
    results = RichTextField(_("results"), blank=True)
    lessons_learned = RichTextField(_("lessons learned"), blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=PilotPhase.choices, default=PilotPhase.OPEN_CALL, db_index=True)
    host = models.ForeignKey(
        "partners.Partner", verbose_name=_("host"), on_delete=models.PROTECT, related_name="hosted_pilots"
    )
    participants = models.ManyToManyField(
        "partners.Partner", verbose_name=_("participating companies and organisations"), blank=True,
        related_name="pilot_participations",
    )
    cities = models.ManyToManyField("core.City", verbose_name=_("cities"), blank=True, related_name="pilots")
    focus_area = models.ForeignKey(
        "core.FocusArea", verbose_name=_("focus area"), on_delete=models.PROTECT, null=True, blank=True, related_name="pilots"
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.SET_NULL, null=True, blank=True, related_name="pilots"
    )
    open_call = models.ForeignKey(
        OpenCall, verbose_name=_("selected in open call"), on_delete=models.SET_NULL, null=True, blank=True, related_name="pilots"
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # A library image (alt text, credit, focal point and renditions live there); one image can serve many rows.
    image = models.ForeignKey(
        "medialibrary.Image", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="pilots",
    )

    objects = PilotQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("Living Lab pilot")
        verbose_name_plural = _("Living Lab pilots")

    def __str__(self) -> str:
        return self.title or self.title_fi or ""

    def get_absolute_url(self) -> str:
        return reverse("living_lab:pilot-detail", kwargs={"slug": slug_for(self)})

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start date.")})

    @property
    def is_cross_border(self) -> bool:
        countries = {city.country for city in self.cities.all()}
        return {Country.FINLAND, Country.ESTONIA} <= countries


class KPI(models.Model):
    """A key performance indicator of a pilot; its values may differ per city."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="kpis", verbose_name=_("pilot"))
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return f"{self.name or ''} ({self.unit or ''})"


class KPIValue(models.Model):
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="values", verbose_name=_("KPI"))
    city = models.ForeignKey(
        "core.City", verbose_name=_("city"), on_delete=models.PROTECT, null=True, blank=True,
        help_text=_("Leave empty when the value covers the whole pilot."),
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=3)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=3)
    achieved = models.DecimalField(_("achieved"), max_digits=14, decimal_places=3, null=True, blank=True)
    measured_at = models.DateField(_("measured on"), null=True, blank=True)
    reported_by = models.ForeignKey(
        "partners.Partner", verbose_name=_("reported by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="reported_kpi_values",
    )
    modified_at = models.DateTimeField(_("modified"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["kpi", "city__name", "pk"]
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "city"], name="living_lab_kpivalue_unique_city"),
            models.UniqueConstraint(
                fields=["kpi"], condition=models.Q(city__isnull=True), name="living_lab_kpivalue_unique_overall"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.city or ''}".strip()

    def clean(self):
        super().clean()
        if self.baseline is not None and self.target is not None and self.baseline == self.target:
            raise ValidationError({"target": _("The target must differ from the baseline.")})

    @property
    def progress_percent(self) -> int | None:
        """How far from baseline to target the achieved value is, 0–100."""
        if self.achieved is None or self.target == self.baseline:
            return None
        share = (self.achieved - self.baseline) / (self.target - self.baseline)
        return max(0, min(100, round(float(share) * 100)))
