"""The archive's feed (RSS 2.0), one per language like the news feed: the URL prefix chooses the
language of the subjects, the excerpts and the links. Only sent issues, newest first."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from finest.core.html import plain_text
from finest.core.i18n import absolute_url, translated

from .models import NewsletterIssue

FEED_SIZE = 20


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


class ArchiveFeed(Feed):
    # Left unset, Django writes the active language (the URL prefix's) into <language>.
    language = None
    item_guid_is_permalink = False

    def title(self):
        return _("FinEst Twins newsletters")

    def description(self):
        return _("The newsletters of the FinEst Twins Centre of Excellence that have been sent, newest first.")

    def link(self):
        return absolute_url(reverse("newsletter:archive"))

    def feed_url(self):
        return absolute_url(reverse("newsletter:archive-feed"))

    def items(self):
        return NewsletterIssue.objects.archived()[:FEED_SIZE]

    def item_title(self, item):
        return translated(item, "subject", _language()).value

    def item_description(self, item):
        # Plain text: the feed says what the issue is about, the link leads to the whole issue.
        return Truncator(plain_text(translated(item, "body", _language()).value)).words(60)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return f"urn:uuid:{item.public_id}"

    def item_pubdate(self, item):
        return item.started_at
