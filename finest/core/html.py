"""Sanitising rich text. Content from the admin or the API may contain HTML; only a
small set of tags reaches a page, with no scripts, event handlers or javascript: links."""

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li", "h2", "h3", "h4",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(value: str) -> str:
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_rich_text(value: str) -> SafeString:
    """Plain text becomes paragraphs; HTML is kept but sanitised."""
    value = value or ""
    if "<" not in value:
        return mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped by linebreaks
    return mark_safe(sanitize_html(value))  # noqa: S308 - sanitised by nh3
