from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from finest.core.columns import without_base_columns
from finest.core.i18n import TranslatedSlugMixin, slug_for
from finest.core.models import Publishable, PublishableQuerySet
from finest.core.richtext import RichTextField
from searchindex.querysets import SearchableQuerySet


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    PRESS_RELEASE = "press_release", _("Press release")
    BLOG = "blog", _("Blog post")


class ArticleQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_fields = ("title", "lead", "body")

    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def with_listing_related(self):
        # Cards, the feed and the newsletter's digest show the lead, never the body.
        return without_base_columns(
            self.select_related("image").prefetch_related("focus_areas", "image__renditions"), also=("body",)
        )

    def with_detail_related(self):
        """For the public article page: related items are only the public ones."""
        related = [
            models.Prefetch(name, queryset=Article._meta.get_field(name).related_model._default_manager.published())
            for name in ("related_projects", "related_events", "related_pilots")
        ]
        return self.select_related("image").prefetch_related("focus_areas", "image__renditions", *related)



class Article(TranslatedSlugMixin, Publishable):
    kind = models.CharField(_("kind"), max_length=16, choices=ArticleKind.choices, default=ArticleKind.NEWS, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True, null=True)
    lead = models.TextField(_("lead"), blank=True)
    body = RichTextField(_("body"), blank=True)
    author = models.CharField(_("author"), max_length=160, blank=True)
    source_url = models.URLField(_("original source"), blank=True)
    # A library image (alt text, credit, focal point and renditions live there); one image can serve many rows.
    image = models.ForeignKey(
        "medialibrary.Image", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="articles",
    )
    focus_areas = models.ManyToManyField("core.FocusArea", verbose_name=_("focus areas"), blank=True, related_name="articles")
    related_projects = models.ManyToManyField("projects.Project", verbose_name=_("related projects"), blank=True, related_name="articles")
    related_events = models.ManyToManyField("events.Event", verbose_name=_("related events"), blank=True, related_name="articles")
    related_pilots = models.ManyToManyField("living_lab.Pilot", verbose_name=_("related pilots"), blank=True, related_name="articles")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def __str__(self) -> str:
        return self.title or self.title_fi or ""

    def get_absolute_url(self) -> str:
        return reverse("news:detail", kwargs={"slug": slug_for(self)})
