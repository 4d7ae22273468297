from __future__ import annotations

import hashlib
import secrets

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finest.core.columns import without_base_columns
from finest.core.i18n import TranslatedSlugMixin, slug_for
from finest.core.models import Country, Publishable, PublishableQuerySet, TimeStamped
from finest.core.richtext import RichTextField
from searchindex.querysets import SearchableQuerySet


class PartnerType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research organisation")
    CITY = "city", _("City")
    CITY_INNOVATION_COMPANY = "city_company", _("City innovation company")
    MINISTRY = "ministry", _("Ministry")
    COMPANY = "company", _("Company")
    REGIONAL_COUNCIL = "regional_council", _("Regional council")
    OTHER = "other", _("Other")


class PartnerQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_fields = ("name", "short_name", "description")

    def for_partner(self, organisation):
        return self.filter(pk=organisation.pk)

    def with_listing_related(self):
        return without_base_columns(self.select_related("city", "logo").prefetch_related("logo__renditions"))


class Partner(TranslatedSlugMixin, Publishable):
    slug_source_field = "name"

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, blank=True, null=True)
    type = models.CharField(_("type"), max_length=20, choices=PartnerType.choices, db_index=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, db_index=True)
    city = models.ForeignKey(
        "core.City", verbose_name=_("city"), on_delete=models.PROTECT, null=True, blank=True, related_name="partners"
    )
    website = models.URLField(_("website"), blank=True)
    description = RichTextField(_("description"), blank=True)
    # A library image (alt text, credit, focal point and renditions live there); one image can serve many rows.
    logo = models.ForeignKey(
        "medialibrary.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="partners",
    )
    pic = models.CharField(
        _("EU PIC"), max_length=9, blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("The EU Participant Identification Code has nine digits."))],
        help_text=_("Participant Identification Code in the EU Funding & Tenders portal."),
    )
    ror_id = models.CharField(
        _("ROR id"), max_length=9, blank=True,
        validators=[RegexValidator(r"^0[a-z0-9]{6}\d{2}$", _("A ROR id looks like 020hwjq30."))],
    )
    business_id = models.CharField(_("business id"), max_length=20, blank=True, help_text=_("Y-tunnus or registry code."))
    # The postal address and registry facts CORDIS publishes for participants.
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True, help_text=_("For example FI12345678."))
    is_sme = models.BooleanField(_("SME"), null=True, blank=True, help_text=_("A small or medium-sized enterprise in the EU's sense."))
    street = models.CharField(_("street address"), max_length=200, blank=True)
    post_code = models.CharField(_("postal code"), max_length=20, blank=True)
    post_office = models.CharField(_("postal town"), max_length=100, blank=True, help_text=_("Leave empty to use the city."))
    nuts_code = models.CharField(
        _("NUTS code"), max_length=5, blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}[0-9A-Z]{0,3}$", _("A NUTS code is a country code and up to three characters, e.g. FI1B1."))],
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name or self.name_fi or ""

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", kwargs={"slug": slug_for(self)})


class ContactPerson(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("partner"))
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=30, blank=True,
        validators=[RegexValidator(r"^\+?[0-9 ()-]{5,30}$", _("Enter a phone number with digits, spaces and an optional +."))],
    )
    is_public = models.BooleanField(_("shown on the site"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class APIKeyScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class PartnerAPIKeyQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class PartnerAPIKey(TimeStamped):
    """A partner organisation's API key. Only a SHA-256 hash of the secret is stored."""

    PREFIX_LENGTH = 8

    organisation = models.ForeignKey(
        Partner, on_delete=models.CASCADE, null=True, blank=True, related_name="api_keys",
        verbose_name=_("organisation"), help_text=_("Leave empty only for a staff key."),
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("What the key is used for, e.g. 'city data platform sync'."))
    scope = models.CharField(_("scope"), max_length=10, choices=APIKeyScope.choices, default=APIKeyScope.READ)
    is_staff_key = models.BooleanField(_("staff key"), default=False, help_text=_("A staff key may read and change everything."))
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    hashed_key = models.CharField(_("hash"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Set when the key is rotated: the new key, while this one still works until it expires.
    replaced_by = models.OneToOneField(
        "self", verbose_name=_("replaced by"), on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="replaces",
    )

    objects = PartnerAPIKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_staff_key=True) | models.Q(organisation__isnull=False),
                name="partners_apikey_org_or_staff",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_secret(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @staticmethod
    def generate_secret() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
