"""schema.org JSON-LD for editable pages: a WebPage (an AboutPage or ContactPage for those
site pages), part of the site and, below another page, in its breadcrumb; the home page too."""

from __future__ import annotations

from django.utils.text import Truncator

from finest.core.i18n import absolute_url
from finest.core.jsonld import CONTEXT, SITE_NAME, clean, language, page_url, publisher, text

from .models import Route

PAGE_TYPES = {Route.ABOUT: "AboutPage", Route.CONTACT: "ContactPage"}


def _website() -> dict:
    return {"@type": "WebSite", "name": SITE_NAME, "url": absolute_url(f"/{language()}/")}


def _breadcrumb(page) -> dict | None:
    """The ancestors and the page, when the page is below another one."""
    if page.parent_id is None:
        return None
    # A draft ancestor has no public address to link to.
    trail = [*(each for each in page.ancestors() if each.is_public), page]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": text(each, "title"), "item": page_url(each)}
            for index, each in enumerate(trail, start=1)
        ],
    }


def page_jsonld(page) -> dict:
    return clean(
        {
            "@context": CONTEXT,
            "@type": PAGE_TYPES.get(page.route, "WebPage"),
            "name": text(page, "title"),
            "description": text(page, "seo_description") or Truncator(text(page, "body")).chars(300),
            "url": page_url(page),
            "inLanguage": language(),
            "datePublished": page.published_at.isoformat() if page.published_at else None,
            "dateModified": page.modified_at.isoformat() if page.modified_at else None,
            "isPartOf": _website(),
            "publisher": publisher(),
            "breadcrumb": _breadcrumb(page),
        }
    )


def home_page_jsonld(home_page) -> dict:
    return clean(
        {
            "@context": CONTEXT,
            "@type": "WebPage",
            "name": text(home_page, "title"),
            "description": text(home_page, "seo_description") or text(home_page, "intro"),
            "url": page_url(home_page),
            "inLanguage": language(),
            "dateModified": home_page.modified_at.isoformat() if home_page.modified_at else None,
            "isPartOf": _website(),
            "publisher": publisher(),
        }
    )
