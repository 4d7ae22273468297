"""Shared building blocks: timestamps and public ids, the publishable base with
its ``published()`` rule, focus areas, cities, the change log (with tombstones)
and the slug history used for 301 redirects."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .i18n import TranslatedSlugMixin, slug_for
from .richtext import RichTextField


class Country(models.TextChoices):
    FINLAND = "FI", _("Finland")
    ESTONIA = "EE", _("Estonia")
    OTHER = "XX", _("Other country")


class TimeStampedQuerySet(models.QuerySet):
    def modified_since(self, moment):
        return self.filter(modified_at__gte=moment)


class TimeStamped(models.Model):
    """Created/modified timestamps (indexed: partners sync on them) and a stable public id."""

    public_id = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True, db_index=True)

    objects = TimeStampedQuerySet.as_manager()

    class Meta:
        abstract = True


class PublishState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def published_q(prefix: str = "") -> models.Q:
    """Visible to the public now: published state, a publish date that has come and no
    unpublish date that has passed.

    ``prefix`` applies the rule across a relation (``published_q("project__")``), so it
    composes with other conditions in one filter instead of a ``pk__in`` subquery."""
    now = timezone.now()
    return models.Q(**{f"{prefix}state": PublishState.PUBLISHED, f"{prefix}published_at__lte": now}) & (
        models.Q(**{f"{prefix}unpublish_at__isnull": True}) | models.Q(**{f"{prefix}unpublish_at__gt": now})
    )


class PublishableQuerySet(TimeStampedQuerySet):
    def published(self):
        return self.filter(published_q())

    def drafts(self):
        return self.exclude(published_q())


def is_public_state(state: str, published_at, unpublish_at=None) -> bool:
    """The publish rule on plain values (the change log applies it to historical models too)."""
    now = timezone.now()
    return (
        state == PublishState.PUBLISHED
        and published_at is not None
        and published_at <= now
        and (unpublish_at is None or unpublish_at > now)
    )


class Publishable(TimeStamped):
    state = models.CharField(
        _("state"), max_length=12, choices=PublishState.choices, default=PublishState.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publish date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The content becomes public at this time. Left empty, it is set when you publish."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The content stops being public at this time. Left empty, it stays public."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return is_public_state(self.state, self.published_at, self.unpublish_at)


class FocusArea(TranslatedSlugMixin, TimeStamped):
    """One of the Centre of Excellence's five focus areas."""

    slug_source_field = "name"

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, blank=True)
    description = RichTextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.name or self.name_fi or ""

    def get_absolute_url(self) -> str:
        return reverse("website:focus-area-detail", kwargs={"slug": slug_for(self)})


class CityKind(models.TextChoices):
    CITY = "city", _("City")
    REGION = "region", _("Region")


class City(TimeStamped):
    """A city or region, with its country and coordinates."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CityKind.choices, default=CityKind.CITY)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, db_index=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    is_innovation_city = models.BooleanField(
        _("Innovation City"), default=False,
        help_text=_("One of Finland's Innovation Cities (Innokaupungit) with an ecosystem agreement."),
    )
    is_twin_city = models.BooleanField(
        _("twin city"), default=False,
        help_text=_("Helsinki and Tallinn, the twin cities of the Centre of Excellence: marked apart on the map."),
    )
    ecosystem_agreement_start = models.PositiveSmallIntegerField(_("ecosystem agreement from (year)"), null=True, blank=True)
    ecosystem_agreement_end = models.PositiveSmallIntegerField(_("ecosystem agreement until (year)"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("city or region")
        verbose_name_plural = _("cities and regions")

    def __str__(self) -> str:
        return self.name or self.name_fi or ""

    def get_absolute_url(self) -> str:
        return reverse("website:city-detail", kwargs={"slug": slug_for(self)})


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    DELETED = "deleted", _("Deleted")


TOMBSTONE_ACTIONS = (ChangeAction.UNPUBLISHED, ChangeAction.DELETED)


class ChangeLogEntryQuerySet(models.QuerySet):
    def for_model(self, model):
        return self.filter(model_label=model._meta.label_lower)

    def since(self, moment):
        return self.filter(at__gte=moment)

    def tombstones(self):
        return self.filter(action__in=TOMBSTONE_ACTIONS)


class ChangeLogEntry(models.Model):
    """What changed when. Deletions and unpublications are the tombstones partners sync."""

    model_label = models.CharField(_("model"), max_length=100, db_index=True)
    object_id = models.PositiveBigIntegerField(_("object id"))
    public_id = models.UUIDField(_("public identifier"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=12, choices=ChangeAction.choices)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # The id of the PostgreSQL transaction that wrote the entry (0 on SQLite, whose single
    # writer commits in id order): the sync stream is ordered by (txid, id), see finest/api/sync.py.
    txid = models.BigIntegerField(_("transaction id"), default=0, editable=False)
    # A delete of an object that not everyone could see (a draft): its tombstone goes only to
    # staff and to the organisations in ``readers``, who read it as a draft (finest/api/sync.py).
    restricted = models.BooleanField(_("restricted"), default=False, editable=False)

    objects = ChangeLogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        indexes = [
            models.Index(fields=["model_label", "at"], name="core_changelog_model_at"),
            models.Index(fields=["model_label", "object_id", "txid", "id"], name="core_changelog_object_txid"),
        ]

    def __str__(self) -> str:
        return f"{self.model_label}#{self.object_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class ChangeLogReader(models.Model):
    """An organisation that could read a restricted entry's object when it was deleted. A plain
    id, not a foreign key: the entry outlives the organisation, and core depends on no app."""

    entry = models.ForeignKey(ChangeLogEntry, on_delete=models.CASCADE, related_name="readers", verbose_name=_("change-log entry"))
    organisation_id = models.PositiveBigIntegerField(_("organisation id"))

    class Meta:
        verbose_name = _("change log reader")
        verbose_name_plural = _("change log readers")
        constraints = [
            models.UniqueConstraint(fields=["entry", "organisation_id"], name="core_changelogreader_unique")
        ]
        indexes = [models.Index(fields=["organisation_id", "entry"], name="core_changelogreader_org")]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.organisation_id}"


class SlugHistory(models.Model):
    """An old slug of an object in one language, so old links answer with a 301."""

    model_label = models.CharField(max_length=100, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(verbose_name=_("object ID"))
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, verbose_name=_("language"))
    slug = models.SlugField(max_length=255, verbose_name=_("slug"))
    replaced_at = models.DateTimeField(default=timezone.now, verbose_name=_("replaced at"))

    class Meta:
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")
        constraints = [
            models.UniqueConstraint(fields=["model_label", "language", "slug"], name="core_slughistory_unique_slug")
        ]

    def __str__(self) -> str:
        return f"{self.model_label} {self.language}:{self.slug}"


class ResourceVersion(models.Model):
    """A counter per content label, bumped with every change-log entry in the same transaction:
    what page and API caches key on (finest/core/versions.py), so a committed change is never
    served stale, whatever cache held the old copy."""

    label = models.CharField(_("model"), max_length=100, unique=True)
    version = models.PositiveBigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    # The earliest future instant at which the label's published() set changes by the clock alone
    # (a scheduled publish date, an event ending): a read at or after it bumps the version first.
    next_moment = models.DateTimeField(_("next moment"), null=True, blank=True)

    class Meta:
        verbose_name = _("resource version")
        verbose_name_plural = _("resource versions")

    def __str__(self) -> str:
        return f"{self.label} v{self.version}"
