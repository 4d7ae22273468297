"""{% pictogram area %}: the line pictogram of a focus area, from the sprite static/img/pictograms.svg.

Focus areas have no fixed key (editors name them in three languages), so an area's pictogram is
found from words in its names and slugs; an area that matches none gets the generic focus-area mark.
The pictogram is decorative: the card or heading beside it names the area."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

PICTOGRAMS = ("mobility", "energy", "built-environment", "governance", "urban-analytics")
GENERIC = "focus-area"

# Word stems in fi, sv and en; the first pictogram whose stem occurs in a name or slug wins.
# Data and analytics come before the built environment, whose Swedish stem "bygg" is rarer in names.
STEMS = (
    ("mobility", ("mobil", "liikku", "transport", "rörlighet")),
    ("energy", ("energ",)),
    ("urban-analytics", ("analy", "data", "tiedonhallin")),
    ("built-environment", ("built", "rakennet", "byggd")),
    ("governance", ("govern", "hallinto", "förvaltning", "styrning")),
)


def pictogram_key(area) -> str:
    """The sprite symbol for ``area``: a key itself, or a focus area (or anything with names)."""
    if isinstance(area, str):
        return area if area in PICTOGRAMS else GENERIC
    texts = []
    for code in settings.LANGUAGE_CODES:
        for field in ("name", "slug"):
            texts.append(str(getattr(area, f"{field}_{code}", "") or "").lower())
    for key, stems in STEMS:
        if any(stem in text for text in texts for stem in stems):
            return key
    return GENERIC


@register.simple_tag
def pictogram(area, size: int = 48, css_class: str = ""):
    key = pictogram_key(area)
    classes = f"pictogram pictogram-{key}" + (f" {css_class}" if css_class else "")
    return format_html(
        '<svg class="{}" width="{}" height="{}" aria-hidden="true" focusable="false" data-pictogram="{}">'
        '<use href="{}#pictogram-{}"></use></svg>',
        classes,
        int(size),
        int(size),
        key,
        static("img/pictograms.svg"),
        key,
    )
