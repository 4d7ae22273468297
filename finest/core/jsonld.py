"""The shared pieces of schema.org JSON-LD: texts in the active language with the
usual fallback, absolute language-specific URLs, images, places and the publisher.
Each app builds its own documents from these in its ``jsonld.py``."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from .html import plain_text
from .i18n import absolute_url, translated, url_in_language

CONTEXT = "https://schema.org"
SITE_NAME = "FinEst Twins"


def language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def text(obj, field: str) -> str:
    """A field's text in the current language; rich text as plain text (schema.org texts are plain)."""
    return plain_text(translated(obj, field, language()).value)


def page_url(obj) -> str:
    return absolute_url(url_in_language(obj, language()))


def image(picture) -> str | None:
    """The absolute URL of a library image's detail rendition (its original until that exists)."""
    if picture is None or not getattr(picture, "file", None):
        return None
    url = picture.url_for("detail")
    return url if url.startswith("http") else absolute_url(url)


def clean(data: dict) -> dict:
    """Drop empty values so validators do not complain about blank properties."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def publisher() -> dict:
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute_url(f"/{language()}/")}


def place(city) -> dict | None:
    if city is None:
        return None
    return clean(
        {
            "@type": "Place",
            "name": text(city, "name"),
            "address": {"@type": "PostalAddress", "addressLocality": text(city, "name"), "addressCountry": city.country},
        }
    )
