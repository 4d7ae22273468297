"""sitemap.xml: every public page in every language, each with hreflang alternates
to its other languages and lastmod from the object's modification time (which
also moves when inline children change, see changelog.touch)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from finest.core.models import FocusArea

# Section pages; names that are not (yet) served are left out rather than breaking the sitemap.
STATIC_PAGES = (
    "website:home",
    "website:about",
    "website:contact",
    "website:privacy",
    "website:accessibility",
    "website:focus-area-list",
    "projects:list",
    "partners:list",
    "events:list",
    "living_lab:pilot-list",
    "living_lab:call-list",
    "news:list",
)


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    # Unprefixed paths do not exist apart from "/", so no x-default entries.
    x_default = False


class StaticPagesSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        available = []
        for name in STATIC_PAGES:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            available.append(name)
        return available

    def location(self, item):
        return reverse(item)


class ObjectSitemap(I18nSitemap):
    model_label = ""
    changefreq = "weekly"

    def items(self):
        model = apps.get_model(self.model_label)
        return model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.modified_at


class FocusAreaSitemap(I18nSitemap):
    def items(self):
        return FocusArea.objects.order_by("order", "pk")

    def lastmod(self, item):
        return item.modified_at


def _object_sitemap(label: str, priority: float) -> type[ObjectSitemap]:
    return type(f"{label.replace('.', '')}Sitemap", (ObjectSitemap,), {"model_label": label, "priority": priority})


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "focus-areas": FocusAreaSitemap,
    "projects": _object_sitemap("projects.Project", 0.8),
    "partners": _object_sitemap("partners.Partner", 0.6),
    "events": _object_sitemap("events.Event", 0.7),
    "pilots": _object_sitemap("living_lab.Pilot", 0.7),
    "calls": _object_sitemap("living_lab.OpenCall", 0.6),
    "news": _object_sitemap("news.Article", 0.6),
}
