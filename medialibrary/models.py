"""The media library: one validated original per picture, with its alt text, credit and focal
point, and the renditions made of it once, off the request (medialibrary/tasks.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from finest.core.images import ValidatedImageField

from .specs import FORMATS, SPECS


class ImageQuerySet(models.QuerySet):
    def with_renditions(self):
        return self.prefetch_related("renditions")

    def missing_renditions(self):
        """Images with fewer renditions than the specs call for (a lost task, a new spec)."""
        # Two scales × (WebP + one fallback) for every spec.
        expected = len(SPECS) * 2 * 2
        return self.annotate(rendition_count=models.Count("renditions")).filter(rendition_count__lt=expected)


class Image(models.Model):
    # No width_field/height_field: Django would decode the upload to measure it before the validator has
    # refused a decompression bomb. The service measures the stored (upright, cleaned) file instead.
    file = ValidatedImageField(_("file"), folder="library")
    title = models.CharField(_("title"), max_length=200, blank=True)
    alt = models.CharField(
        _("alt text"), max_length=255, blank=True,
        help_text=_("What the picture shows, for people who cannot see it. Leave empty for a decorative picture."),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    focal_x = models.FloatField(
        _("focal point x"), default=0.5, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    focal_y = models.FloatField(
        _("focal point y"), default=0.5, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.title or self.file.name.rsplit("/", 1)[-1]

    @property
    def has_transparency(self) -> bool:
        return self.file.name.lower().endswith((".png", ".webp"))

    def url_for(self, spec: str) -> str:
        """The spec's 1x JPEG/PNG rendition, or the original until the task has made it."""
        for rendition in self.renditions_for(spec):
            if rendition.scale == 1 and rendition.format != "webp":
                return rendition.file.url
        return self.file.url if self.file else ""

    def renditions_for(self, spec: str) -> list[Rendition]:
        """This spec's renditions, from the prefetched ones when the query prefetched them."""
        return [rendition for rendition in self.renditions.all() if rendition.spec == spec]


class Rendition(models.Model):
    image = models.ForeignKey(Image, verbose_name=_("image"), on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(_("spec"), max_length=20, choices=[(name, name) for name in SPECS])
    scale = models.PositiveSmallIntegerField(_("scale"), default=1)
    format = models.CharField(_("format"), max_length=10, choices=[(name, name) for name in FORMATS])
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    file = models.FileField(_("file"), upload_to="renditions/library", max_length=255)

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(fields=("image", "spec", "scale", "format"), name="rendition_unique_per_spec"),
        ]

    def __str__(self) -> str:
        return f"{self.image_id} {self.spec}@{self.scale}x.{self.format}"
