"""The news feed (RSS 2.0), one per language: the URL prefix chooses the language
of the titles, the texts and the absolute links."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from finest.core.html import sanitize_html
from finest.core.i18n import absolute_url, translated

from .models import Article

FEED_SIZE = 30


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


class LatestArticlesFeed(Feed):
    # Left unset, Django writes the active language (the URL prefix's) into <language>.
    language = None
    item_guid_is_permalink = False

    def title(self):
        return _("FinEst Twins news")

    def description(self):
        return _("News, press releases and blog posts from the FinEst Twins Smart City Centre of Excellence.")

    def link(self):
        return absolute_url(reverse("news:list"))

    def feed_url(self):
        return absolute_url(reverse("news:feed"))

    def items(self):
        return Article.objects.published().latest_first().with_listing_related()[:FEED_SIZE]

    def item_title(self, item):
        return translated(item, "title", _language()).value

    def item_description(self, item):
        # Feed readers render the description as HTML: only the sanitiser's safe subset goes out.
        return sanitize_html(translated(item, "lead", _language()).value)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        # Stable across slug changes and the same in every language's feed.
        return f"urn:uuid:{item.public_id}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [translated(area, "name", _language()).value for area in item.focus_areas.all()]
