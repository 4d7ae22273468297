"""{% picture image "card" alt=... sizes=... %}: the renditions as a <picture>.

The tag only reads renditions (prefetched with ``renditions``); it never makes one, so a public
request costs no image processing. Until the task has made them it shows the smallest existing
rendition, or the original constrained to the spec's box."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

from finest.core.i18n import translated

from ..specs import SPECS, WEBP

register = template.Library()


def _srcset(renditions) -> str:
    return ", ".join(f"{rendition.file.url} {rendition.scale}x" for rendition in sorted(renditions, key=lambda r: r.scale))


def _constrained(image, spec) -> tuple[int, int]:
    width, height = image.width or spec.width, image.height or (spec.height or spec.width)
    box_width, box_height = spec.width, spec.height or height
    factor = min(1.0, box_width / width, box_height / height)
    return max(1, round(width * factor)), max(1, round(height * factor))


@register.simple_tag
def picture(image, spec_name: str, alt: str | None = None, sizes: str = "", css_class: str = "", loading: str = "lazy"):
    if image is None or not getattr(image, "file", None):
        return ""
    spec = SPECS[spec_name]
    if alt is None:
        text = translated(image, "alt", get_language())
        alt_text, lang = text.value, (text.language if text.fell_back else None)
    else:
        alt_text, lang = alt, None
    attributes = {"alt": alt_text}
    if lang:
        attributes["lang"] = lang
    if css_class:
        attributes["class"] = css_class
    renditions = image.renditions_for(spec.name)
    webp = [r for r in renditions if r.format == WEBP]
    fallback = [r for r in renditions if r.format != WEBP]
    if fallback:
        first = min(fallback, key=lambda r: r.scale)
        attributes.update(src=first.file.url, srcset=_srcset(fallback), width=first.width, height=first.height)
    else:
        # Another spec's rendition big enough for this box beats the (maybe 40 MP) original.
        big_enough = [r for r in image.renditions.all() if r.format != WEBP and r.width >= spec.width]
        smallest = min(big_enough, key=lambda r: r.width, default=None)
        if smallest is not None:
            attributes.update(src=smallest.file.url, width=_constrained(smallest, spec)[0], height=_constrained(smallest, spec)[1])
        else:
            width, height = _constrained(image, spec)
            attributes.update(src=image.file.url, width=width, height=height)
    if sizes:
        attributes["sizes"] = sizes
    attributes.update(loading=loading, decoding="async")
    img = format_html("<img {}>", format_html_join(" ", '{}="{}"', attributes.items()))
    source = ""
    if webp:
        source = format_html(
            '<source type="image/webp" srcset="{}"{}>', _srcset(webp), format_html(' sizes="{}"', sizes) if sizes else ""
        )
    return format_html("<picture>{}{}</picture>", source, img)


@register.simple_tag
def image_url(image, spec_name: str = "detail") -> str:
    """The URL of the spec's 1x fallback rendition, or of the original until it exists."""
    if image is None or not getattr(image, "file", None):
        return ""
    for rendition in image.renditions_for(spec_name):
        if rendition.scale == 1 and rendition.format != WEBP:
            return rendition.file.url
    return image.file.url
