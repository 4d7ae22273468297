"""sitemap.xml: every public page in every language, each with hreflang alternates
to its other languages and lastmod from the object's modification time (which
also moves when inline children change, see changelog.touch)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event, Speaker
from finest.core.models import City, FocusArea
from living_lab.models import OpenCall, Pilot
from news.models import Article
from newsletter.models import NewsletterIssue
from pages.models import Page
from partners.models import Partner
from projects.models import Project

# Section pages. Each name must reverse: a missing one is a misconfiguration, and
# the sitemap fails loudly rather than leaving the page out.
STATIC_PAGES = (
    "website:home",
    "website:about",
    "website:contact",
    "website:privacy",
    "website:accessibility",
    "website:focus-area-list",
    "website:map",
    "projects:list",
    "partners:list",
    "events:list",
    "living_lab:pilot-list",
    "living_lab:call-list",
    "news:list",
    "newsletter:archive",
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
        return list(STATIC_PAGES)

    def location(self, item):
        return reverse(item)


class ObjectSitemap(I18nSitemap):
    model: type | None = None
    changefreq = "weekly"

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.modified_at


class FocusAreaSitemap(I18nSitemap):
    def items(self):
        return FocusArea.objects.order_by("order", "pk")

    def lastmod(self, item):
        return item.modified_at


class CitySitemap(I18nSitemap):
    priority = 0.4

    def items(self):
        return City.objects.order_by("pk")

    def lastmod(self, item):
        return item.modified_at


class EditablePageSitemap(ObjectSitemap):
    """The editable pages the catch-all serves; route pages are in STATIC_PAGES already, and
    link-only pages (no body, only children) are not indexed (``PageQuerySet.indexable``)."""

    model = Page
    priority = 0.5

    def items(self):
        return Page.objects.published().indexable().filter(route__isnull=True).order_by("pk")


class NewsletterIssueSitemap(I18nSitemap):
    """The web versions of the sent newsletters: they change no more once sent."""

    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return NewsletterIssue.objects.archived()

    def lastmod(self, item):
        return item.modified_at


class SpeakerSitemap(I18nSitemap):
    """Speakers of published events: the others have no public page."""

    priority = 0.4

    def items(self):
        return Speaker.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.modified_at


def _object_sitemap(model: type, priority: float) -> type[ObjectSitemap]:
    return type(f"{model.__name__}Sitemap", (ObjectSitemap,), {"model": model, "priority": priority})


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "focus-areas": FocusAreaSitemap,
    "cities": CitySitemap,
    "projects": _object_sitemap(Project, 0.8),
    "partners": _object_sitemap(Partner, 0.6),
    "events": _object_sitemap(Event, 0.7),
    "speakers": SpeakerSitemap,
    "pilots": _object_sitemap(Pilot, 0.7),
    "calls": _object_sitemap(OpenCall, 0.6),
    "news": _object_sitemap(Article, 0.6),
    "editable-pages": EditablePageSitemap,
    "newsletters": NewsletterIssueSitemap,
}
