from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finest.core.columns import without_base_columns
from finest.core.i18n import TranslatedSlugMixin, slug_for
from finest.core.models import Publishable, PublishableQuerySet, TimeStamped
from finest.core.richtext import RichTextField
from searchindex.querysets import SearchableQuerySet

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


def money_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, validators=NON_NEGATIVE, **kwargs)


class FundingProgramme(TimeStamped):
    """A funding programme and instrument, e.g. Horizon 2020 / Teaming."""

    name = models.CharField(_("programme"), max_length=160)
    instrument = models.CharField(_("instrument"), max_length=160, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    funder_name = models.CharField(_("funder"), max_length=160, blank=True)
    url = models.URLField(_("web page"), blank=True)
    framework_code = models.CharField(
        _("framework programme code"), max_length=20, blank=True,
        help_text=_("CORDIS's code for the framework programme, e.g. H2020 or HORIZON."),
    )

    class Meta:
        ordering = ["name", "instrument"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self) -> str:
        name = self.name or self.name_fi or ""
        instrument = self.instrument or self.instrument_fi or ""
        return f"{name} – {instrument}" if instrument else name


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class ProjectKind(models.TextChoices):
    RESEARCH_INNOVATION = "research", _("Research and innovation project")
    LEAD_RESPONSIBILITY = "lead_responsibility", _("Lead-responsibility project")
    ECOSYSTEM_AGREEMENT = "ecosystem_agreement", _("Ecosystem agreement")
    PILOT_PROGRAMME = "pilot_programme", _("Pilot programme")
    OTHER = "other", _("Other")


LEAD_RESPONSIBILITY_MIN_CITIES = 3


def status_for_dates(start: date | None, end: date | None, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if start and today < start:
        return ProjectStatus.PLANNED
    if end and today > end:
        return ProjectStatus.COMPLETED
    if start:
        return ProjectStatus.ONGOING
    return ProjectStatus.PLANNED


def participated_by_q(organisation, prefix: str = "") -> models.Q:
    """Projects in which ``organisation`` takes part; ``prefix`` reaches them across a relation."""
    return models.Q(
        models.Exists(Participation.objects.filter(project_id=models.OuterRef(f"{prefix}pk"), partner=organisation))
    )


# The long texts a project card and the timeline never show.
LISTING_LEAVES_OUT = ("body", "results")


class ProjectQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_fields = ("acronym", "title", "summary", "body")

    def with_listing_related(self):
        return without_base_columns(
            self.select_related("funding_programme", "image").prefetch_related("focus_areas", "cities", "image__renditions"),
            also=LISTING_LEAVES_OUT,
        )

    def with_detail_related(self):
        return self.select_related("funding_programme", "image").prefetch_related(
            "focus_areas", "cities", "themes", "links", "budget_figures", "image__renditions",
            models.Prefetch("participations", queryset=Participation.objects.select_related("partner__city")),
            models.Prefetch("funding_sources", queryset=FundingSource.objects.select_related("funder")),
            models.Prefetch("work_packages", queryset=WorkPackage.objects.select_related("lead_partner")),
        )

    def with_status(self, status: str):
        """Projects whose effective status is ``status`` (set explicitly, or derived from dates)."""
        today = timezone.localdate()
        derived = {
            ProjectStatus.PLANNED: models.Q(start_date__gt=today) | models.Q(start_date__isnull=True),
            ProjectStatus.ONGOING: models.Q(start_date__lte=today)
            & (models.Q(end_date__gte=today) | models.Q(end_date__isnull=True)),
            ProjectStatus.COMPLETED: models.Q(end_date__lt=today),
        }.get(status)
        if derived is None:
            return self.none()
        return self.filter(models.Q(status_override=status) | (models.Q(status_override="") & derived))

    def ongoing(self):
        return self.with_status(ProjectStatus.ONGOING)

    def featured(self):
        return self.filter(featured=True)

    def for_partner(self, organisation):
        return self.filter(participated_by_q(organisation))


class Project(TranslatedSlugMixin, Publishable):
    acronym = models.CharField(_("acronym"), max_length=40, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True, null=True)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("description"), blank=True)
    results = RichTextField(
        _("results"), blank=True, help_text=_("What the project achieved; shown once the project has ended."),
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Feature this project and its outcomes on the home page."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ProjectKind.choices, default=ProjectKind.RESEARCH_INNOVATION)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status_override = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, blank=True,
        help_text=_("Leave empty to derive the status from the start and end dates."),
    )
    focus_areas = models.ManyToManyField("core.FocusArea", verbose_name=_("focus areas"), blank=True, related_name="projects")
    cities = models.ManyToManyField("core.City", verbose_name=_("cities and regions"), blank=True, related_name="projects")
    funding_programme = models.ForeignKey(
        FundingProgramme, verbose_name=_("funding programme"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="projects",
    )
    grant_agreement_id = models.CharField(_("grant agreement number"), max_length=40, blank=True)
    # The EU grant as CORDIS describes it; the CORDIS export (projects/cordis.py) reads these.
    ec_max_contribution = money_field(_("EU maximum contribution (EUR)"), null=True, blank=True)
    ec_signature_date = models.DateField(_("grant signature date"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=60, blank=True, help_text=_("For example H2020-EU.4.a."))
    topics = models.CharField(_("call topic"), max_length=120, blank=True, help_text=_("For example WIDESPREAD-01-2018-2019."))
    master_call = models.CharField(_("call"), max_length=60, blank=True, help_text=_("For example H2020-WIDESPREAD-2018-2020."))
    sub_call = models.CharField(_("sub-call"), max_length=60, blank=True, help_text=_("For example H2020-WIDESPREAD-2018-01."))
    funding_scheme = models.CharField(_("funding scheme"), max_length=40, blank=True, help_text=_("For example CSA or RIA."))
    total_budget = money_field(_("total budget (EUR)"), null=True, blank=True)
    budget_is_internal = models.BooleanField(
        _("budget figures are internal"), default=False,
        help_text=_("Internal figures are never shown on the site or in the API."),
    )
    budget_source = models.CharField(_("source of the budget figure"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    # A library image (alt text, credit, focal point and renditions live there); one image can serve many rows.
    image = models.ForeignKey(
        "medialibrary.Image", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="projects",
    )
    related_projects = models.ManyToManyField("self", verbose_name=_("related projects"), blank=True, symmetrical=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_budget__gte=0) | models.Q(total_budget__isnull=True),
                name="projects_project_budget_non_negative",
            )
        ]

    def __str__(self) -> str:
        title = self.title or self.title_fi or ""
        return f"{self.acronym} – {title}" if self.acronym else title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"slug": slug_for(self)})

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start date.")})

    @property
    def status(self) -> str:
        return self.status_override or status_for_dates(self.start_date, self.end_date)

    def get_status_display(self) -> str:
        return ProjectStatus(self.status).label


class ProjectTheme(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="themes", verbose_name=_("project"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title or ""


class ParticipationRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated partner")
    THIRD_PARTY = "third_party", _("Third party")


class Participation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations", verbose_name=_("project"))
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="participations", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=16, choices=ParticipationRole.choices, default=ParticipationRole.PARTNER)
    budget_share = money_field(_("budget share (EUR)"), null=True, blank=True)
    budget_is_internal = models.BooleanField(_("share is internal"), default=False)
    net_ec_contribution = money_field(
        _("net EU contribution (EUR)"), null=True, blank=True,
        help_text=_("The EU contribution after transfers to linked third parties, as CORDIS reports it."),
    )
    start_date = models.DateField(_("joined"), null=True, blank=True)
    end_date = models.DateField(_("left"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("consortium")
        constraints = [
            models.UniqueConstraint(fields=["project", "partner"], name="projects_participation_unique_partner"),
            models.CheckConstraint(
                condition=models.Q(budget_share__gte=0) | models.Q(budget_share__isnull=True),
                name="projects_participation_share_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A partner cannot leave before it joins.")})


class FundingSource(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding_sources", verbose_name=_("project"))
    funder = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="funded_sources",
        verbose_name=_("funder organisation"),
    )
    funder_name = models.CharField(_("funder"), max_length=200, help_text=_("E.g. European Union, Horizon 2020."))
    amount = money_field(_("amount (EUR)"))
    is_internal = models.BooleanField(_("amount is internal"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="projects_fundingsource_non_negative"),
        ]

    def __str__(self) -> str:
        return self.funder_name or ""


class WorkPackage(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_packages", verbose_name=_("project"))
    code = models.CharField(_("code"), max_length=20, help_text=_("E.g. WP5."))
    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(_("description"), blank=True)
    lead_partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="led_work_packages",
        verbose_name=_("lead partner"),
    )
    budget = money_field(_("budget (EUR)"), null=True, blank=True)
    budget_is_internal = models.BooleanField(_("budget is internal"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="projects_workpackage_unique_code"),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0) | models.Q(budget__isnull=True),
                name="projects_workpackage_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title or ''}".strip()


class BudgetFigure(models.Model):
    """A figure reported about the project by a named source, with what it covers.

    Sources sometimes disagree because they count different things (the EU grant
    versus the whole Centre of Excellence with national co-funding); each figure is
    shown with its scope and source so both can be true at once."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_figures", verbose_name=_("project"))
    amount = money_field(_("amount (EUR)"))
    scope = models.CharField(_("what the figure covers"), max_length=255)
    source_name = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("source web page"), blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    is_internal = models.BooleanField(_("internal"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("reported budget figure")
        verbose_name_plural = _("reported budget figures")

    def __str__(self) -> str:
        return f"{self.amount} € – {self.scope}"


class ExternalLink(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links", verbose_name=_("project"))
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("external link")
        verbose_name_plural = _("external links")

    def __str__(self) -> str:
        return self.title or self.url
