"""Sanitising rich text. Content from the admin or the API may contain HTML; only a
small set of tags reaches a page, with no scripts, event handlers or javascript: links.

Images are allowed only from the portal's own media (``MEDIA_URL``) and only with an
``alt`` text: an image from elsewhere would track readers and could change after review."""

import html
import re

import nh3
from django.conf import settings
from django.utils.html import linebreaks, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .i18n import absolute_url

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li", "h2", "h3", "h4",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr", "img",
    "figure", "figcaption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "img": {"src", "alt", "width", "height"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_NUMERIC_ATTRIBUTES = {"width", "height", "colspan", "rowspan"}
# After nh3, which quotes every attribute value with " and escapes the quotes inside.
_IMG_TAG = re.compile(r"<img\b[^>]*>")
_HAS_SRC = re.compile(r'\ssrc="[^"]+"')
_HAS_ALT = re.compile(r'\salt="[^"]*\S[^"]*"')


def is_media_url(url: str) -> bool:
    """A URL of the portal's own media: under MEDIA_URL, with no way out of it."""
    media_url = settings.MEDIA_URL or "/media/"
    if not url.startswith(media_url) or url.startswith("//") and not media_url.startswith("//"):
        return False
    rest = url[len(media_url):]
    return bool(rest) and ".." not in rest and "\\" not in rest and not rest.startswith("/")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in _NUMERIC_ATTRIBUTES:
        return value if value.isdigit() and 0 < int(value) <= 10000 else None
    if tag == "img" and attribute == "src":
        return value if is_media_url(value) else None
    if tag == "img" and attribute == "alt":
        # nh3 leaves > unescaped inside attribute values; without it the tag ends where it seems to.
        return value.replace(">", " ").replace("<", " ")
    return value


def _keep_image(match: re.Match) -> str:
    tag = match.group(0)
    return tag if _HAS_SRC.search(tag) and _HAS_ALT.search(tag) else ""


def sanitize_html(value: str) -> str:
    cleaned = nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_attribute_filter,
    )
    # An image whose source was refused, or without an alt text, goes entirely.
    return _IMG_TAG.sub(_keep_image, cleaned) if "<img" in cleaned else cleaned


def render_rich_text(value: str) -> SafeString:
    """Plain text becomes paragraphs; HTML is kept but sanitised."""
    value = value or ""
    if "<" not in value:
        return mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped by linebreaks
    return mark_safe(sanitize_html(value))  # noqa: S308 - sanitised by nh3


_BLOCK_END = re.compile(r"</(p|h[2-4]|li|blockquote|tr|pre)>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def plain_text(value: str) -> str:
    """Rich text as plain text (a card's excerpt, JSON-LD, a text email): tags removed, entities
    decoded, one blank line between blocks. Plain text comes back as it is."""
    value = value or ""
    if "<" not in value:
        return value
    value = _LINE_BREAK.sub("\n", _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", value))
    text = html.unescape(strip_tags(value))
    return _BLANK_LINES.sub("\n\n", _SPACES.sub(" ", text)).strip()


_MEDIA_SRC = re.compile(r'(<img\b[^>]*\ssrc=")(/[^"/][^"]*)"')


def absolute_media_urls(value: str) -> SafeString:
    """Sanitised rich text with its images' site-relative sources made absolute, for emails."""
    return mark_safe(_MEDIA_SRC.sub(lambda m: f'{m.group(1)}{absolute_url(m.group(2))}"', str(value)))  # noqa: S308 - only src values change
