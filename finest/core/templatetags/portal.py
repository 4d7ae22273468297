"""Template helpers for the public site: translated values with their fallback note,
rich text, JSON-LD, the language links and pagination."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from finest.core.html import plain_text, render_rich_text
from finest.core.i18n import Translated, absolute_url, translated, url_in_language

register = template.Library()

# Whole sentences per language, because Finnish and Swedish inflect language names.
NOT_AVAILABLE_IN = {
    "fi": _("This content is not available in Finnish."),
    "sv": _("This content is not available in Swedish."),
    "en": _("This content is not available in English."),
}
SHOWN_IN = {
    "fi": _("It is shown in Finnish."),
    "sv": _("It is shown in Swedish."),
    "en": _("It is shown in English."),
}

# JSON inside <script> must not be able to close the element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(name="translated")
def translated_tag(obj, field: str) -> Translated:
    """{% translated obj "field" as t %}: t.value, t.fell_back, t.language."""
    return translated(obj, field, translation.get_language())


@register.simple_tag(takes_context=True)
def fallback_note(context, value: Translated, element: str = "p"):
    """A visible note, wholly in the page's language, when ``value`` is shown in another language.

    A block note (``element="p"``) appears once per request: a page whose title, lead and body all fell
    back needs one note, not three. Inline notes on list cards say which card is affected, so they stay.
    """
    if not isinstance(value, Translated) or not value.fell_back:
        return ""
    tag = "span" if element == "span" else "p"
    request = context.get("request")
    if tag == "p" and request is not None:
        if getattr(request, "_fallback_note_shown", False):
            return ""
        request._fallback_note_shown = True
    # Both sentences are in the page's language (the page's lang attribute covers them); only the
    # content itself carries the fallback language's lang attribute.
    return format_html(
        '<{tag} class="fallback-note" role="note">{missing} {shown}</{tag}>',
        tag=tag,
        missing=NOT_AVAILABLE_IN.get(value.requested, NOT_AVAILABLE_IN["en"]),
        shown=SHOWN_IN.get(value.language, ""),
    )


@register.filter
def lang_attr(value: Translated) -> str:
    """` lang="xx"` for an element whose text fell back to another language."""
    if isinstance(value, Translated) and value.fell_back and value.language:
        return format_html(' lang="{}"', value.language)
    return ""


@register.filter
def rich_text(value):
    return render_rich_text(str(value or ""))


@register.filter
def rich_text_plain(value):
    """A rich-text field as plain text, for excerpts (``|rich_text_plain|truncatewords:20``)."""
    return plain_text(str(value or ""))


@register.simple_tag
def json_ld(data) -> str:
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in every language: the object in that language on detail pages,
    the same path (and query) translated on other pages."""
    request = context.get("request")
    page_object = context.get("page_object")
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if page_object is not None and hasattr(page_object, "get_absolute_url"):
            path = url_in_language(page_object, code)
        elif request is not None:
            path = translate_url(request.get_full_path(), code)
            # The pages' catch-all matches any path: without a page it is a 404 too.
            unknown = getattr(request.resolver_match, "view_name", None) == "pages:page"
            if code != current and (unknown or path == request.get_full_path()):
                # Not a page the URL patterns know (a 404): offer the front page in that language.
                with translation.override(code):
                    path = reverse("website:home")
        else:
            path = f"/{code}/"
        with translation.override(code):
            local_name = str(name)
        links.append(
            {
                "code": code,
                "name": local_name,
                "url": path,
                "absolute_url": absolute_url(path.split("?")[0] if page_object is None else path),
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    request = context.get("request")
    page_object = context.get("page_object")
    if page_object is not None and hasattr(page_object, "get_absolute_url"):
        return absolute_url(url_in_language(page_object, translation.get_language()))
    if request is None:
        return absolute_url("/")
    return absolute_url(request.path)


@register.simple_tag(takes_context=True)
def page_url(context, page_number) -> str:
    """The current URL's query string with ``page`` replaced, for pagination links."""
    request = context["request"]
    params = request.GET.copy()
    params["page"] = page_number
    return "?" + urlencode(sorted(params.lists()), doseq=True)


@register.filter
def percent_of(value, total) -> float:
    try:
        return round(float(value) / float(total) * 100, 1) if total else 0
    except (TypeError, ValueError):
        return 0
