"""Open-call applications: the form staff define per call (sections, questions,
attachment rules, criteria, eligibility), the applications companies send, and the
jury's review of them."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finest.core.models import Country
from finest.core.richtext import RichTextField

from .storage import private_storage

REVIEWERS_GROUP = "Reviewers"


class CallForm(models.Model):
    """The application form of one open call and the rules its applications must meet."""

    call = models.OneToOneField(
        "living_lab.OpenCall", on_delete=models.CASCADE, related_name="application_form", verbose_name=_("open call"),
    )
    is_active = models.BooleanField(
        _("accepts applications on the portal"), default=True,
        help_text=_("Applicants can apply here while the call is open."),
    )
    intro = RichTextField(_("introduction for applicants"), blank=True)
    attachments_required = models.PositiveSmallIntegerField(_("attachments required"), default=1)
    attachments_max = models.PositiveSmallIntegerField(
        _("attachments allowed at most"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    attachment_max_mb = models.PositiveSmallIntegerField(
        _("largest attachment (MB)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    attachment_max_pages = models.PositiveSmallIntegerField(
        _("most pages per attachment"), default=30, validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    score_max = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Reviewers score each criterion from 0 to this number."),
    )
    eligible_countries = models.CharField(
        _("eligible company countries"), max_length=20, blank=True, default="FI,EE",
        help_text=_("Country codes separated by commas (FI, EE, XX for any other); empty for any country."),
    )
    requires_cross_border = models.BooleanField(
        _("needs at least one Finnish and one Estonian city"), default=False,
    )

    class Meta:
        verbose_name = _("application form")
        verbose_name_plural = _("application forms")

    def __str__(self) -> str:
        return str(self.call)

    @property
    def country_codes(self) -> list[str]:
        return [code.strip().upper() for code in self.eligible_countries.split(",") if code.strip()]

    def clean(self):
        super().clean()
        errors = {}
        unknown = [code for code in self.country_codes if code not in Country.values]
        if unknown:
            errors["eligible_countries"] = _("Unknown country code: %(codes)s.") % {"codes": ", ".join(unknown)}
        if self.attachments_required > self.attachments_max:
            errors["attachments_required"] = _("More attachments are required than allowed.")
        if errors:
            raise ValidationError(errors)


class FormSection(models.Model):
    form = models.ForeignKey(CallForm, on_delete=models.CASCADE, related_name="sections", verbose_name=_("form"))
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")

    def __str__(self) -> str:
        return self.title or ""


class Question(models.Model):
    section = models.ForeignKey(FormSection, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section"))
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)
    max_length = models.PositiveIntegerField(
        _("longest answer (characters)"), default=3000, validators=[MinValueValidator(50), MaxValueValidator(20000)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["section__order", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text or ""


class Criterion(models.Model):
    form = models.ForeignKey(CallForm, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("form"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")

    def __str__(self) -> str:
        return self.name or ""


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Decision(models.TextChoices):
    PENDING = "", _("Not decided")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("Reserve")
    REJECTED = "rejected", _("Rejected")


class ApplicationQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=ApplicationStatus.SUBMITTED)

    def for_call(self, call):
        return self.filter(call=call)

    def assigned_to(self, user):
        """Applications ``user`` reviews: assigned, and no conflict declared."""
        return self.filter(assignments__reviewer=user, assignments__conflict_declared=False).distinct()

    def hosted_by(self, organisation):
        return self.filter(call__host=organisation)

    def with_review_related(self):
        return self.select_related("call", "organisation").prefetch_related(
            "cities", "attachments", models.Prefetch(
                "assignments", queryset=ReviewAssignment.objects.select_related("reviewer").prefetch_related("scores"),
            ),
        )

    def past_retention(self, now=None):
        """Applications of calls whose deadline is more than the retention period ago."""
        now = now or timezone.now()
        return self.filter(call__deadline__lt=now - timedelta(days=settings.APPLICATIONS_RETENTION_DAYS))


class Application(models.Model):
    """One company's application to one call. The applicant reaches it through a signed
    link sent to the email they gave; opening the link confirms the address.

    Not a ``TimeStamped`` model on purpose: the change log that partners sync must
    never list applications."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, verbose_name=_("public ID"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

    call = models.ForeignKey("living_lab.OpenCall", on_delete=models.PROTECT, related_name="applications", verbose_name=_("open call"))
    email = models.EmailField(_("contact email"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="fi")
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    # Each request for the link is one email: the task sends it once per request time.
    link_requested_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("link requested at"))
    link_sent_for = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("link sent for"))
    status = models.CharField(_("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    receipt_sent_for = models.DateTimeField(_("receipt sent for submission of"), null=True, blank=True, editable=False)
    company_name = models.CharField(_("company"), max_length=200, blank=True)
    business_id = models.CharField(_("business id"), max_length=20, blank=True, help_text=_("Y-tunnus or registry code."))
    company_country = models.CharField(_("company country"), max_length=2, choices=Country.choices, blank=True)
    organisation = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner organisation"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="call_applications",
        help_text=_("Set from the business id when it matches a partner; reviewers of this organisation are never assigned."),
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    title = models.CharField(_("pilot title"), max_length=200, blank=True)
    summary = models.TextField(_("pilot description"), blank=True, max_length=5000)
    cities = models.ManyToManyField("core.City", verbose_name=_("pilot cities"), blank=True, related_name="call_applications")
    requested_grant = models.DecimalField(
        _("requested grant (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True, default=Decision.PENDING)
    share_comments = models.BooleanField(_("include reviewers' comments in the decision email"), default=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_sent_for = models.CharField(max_length=10, blank=True, editable=False, verbose_name=_("decision e-mail sent for"))
    pilot = models.OneToOneField(
        "living_lab.Pilot", verbose_name=_("pilot"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="application",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.company_name or self.email}: {self.title or '—'}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never comes from the upload: the original name is kept in a column.
    return f"applications/{instance.application.public_id}/{uuid.uuid4().hex}.pdf"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("application"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    pages = models.PositiveIntegerField(_("pages"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class ReviewerProfile(models.Model):
    """A reviewer's organisation, for conflicts of interest. External experts have none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile", verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "partners.Partner", on_delete=models.SET_NULL, null=True, blank=True, related_name="reviewers",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return str(self.user)


class ReviewAssignment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("application"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments", verbose_name=_("reviewer"),
    )
    conflict_declared = models.BooleanField(_("conflict of interest declared"), default=False)
    conflict_note = models.CharField(_("conflict of interest"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("review submitted"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="applications_one_assignment_per_reviewer")]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"

    def clean(self):
        super().clean()
        if self.reviewer_id is None or self.application_id is None:
            return
        if not self.reviewer.groups.filter(name=REVIEWERS_GROUP).exists():
            raise ValidationError({"reviewer": _("Only members of the Reviewers group can be assigned.")})
        profile = ReviewerProfile.objects.filter(user_id=self.reviewer_id).first()
        own = profile is not None and profile.organisation_id is not None
        if own and profile.organisation_id == self.application.organisation_id:
            raise ValidationError({"reviewer": _("The reviewer belongs to the applicant's organisation (a conflict of interest).")})


class Score(models.Model):
    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review"))
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion"))
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True, max_length=3000)

    class Meta:
        ordering = ["criterion__order", "criterion__pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="applications_one_score_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class ApplicationsAPIGrant(models.Model):
    """The "applications" scope of a partner API key: with it, the key's organisation
    reads the applications to the calls it hosts."""

    key = models.OneToOneField(
        "partners.PartnerAPIKey", on_delete=models.CASCADE, related_name="applications_grant", verbose_name=_("API key"),
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("applications scope of an API key")
        verbose_name_plural = _("applications scopes of API keys")

    def __str__(self) -> str:
        return str(self.key)
