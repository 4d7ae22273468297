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


def _alt_attributes(image, alt: str | None, alt_default: str) -> dict:
    if alt is not None:
        return {"alt": alt}
    text = translated(image, "alt", get_language())
    if not text.value:
        return {"alt": alt_default}
    return {"alt": text.value, "lang": text.language} if text.fell_back else {"alt": text.value}


def _img_source(image, spec, fallback: list) -> dict:
    """src/srcset/width/height: the spec's renditions, else another spec's big enough one, else the original."""
    if fallback:
        first = min(fallback, key=lambda r: r.scale)
        return {"src": first.file.url, "srcset": _srcset(fallback), "width": first.width, "height": first.height}
    # Another spec's rendition big enough for this box beats the (maybe 40 MP) original.
    big_enough = [r for r in image.renditions.all() if r.format != WEBP and r.width >= spec.width]
    source = min(big_enough, key=lambda r: r.width, default=None) or image
    width, height = _constrained(source, spec)
    return {"src": source.file.url, "width": width, "height": height}


@register.simple_tag
def picture(
    image, spec_name: str, alt: str | None = None, sizes: str = "", css_class: str = "", alt_default: str = "",
    priority: bool = False,
):
    """``alt`` replaces the image's own alt text; ``alt_default`` is used when the image has none (a logo's
    organisation name). ``priority`` is for the picture at the top of a page: fetched first, not lazily."""
    if image is None or not getattr(image, "file", None):
        return ""
    spec = SPECS[spec_name]
    attributes = _alt_attributes(image, alt, alt_default)
    if css_class:
        attributes["class"] = css_class
    renditions = image.renditions_for(spec.name)
    webp = [r for r in renditions if r.format == WEBP]
    attributes.update(_img_source(image, spec, [r for r in renditions if r.format != WEBP]))
    if sizes:
        attributes["sizes"] = sizes
    if priority:
        attributes["fetchpriority"] = "high"
    else:
        attributes["loading"] = "lazy"
    attributes["decoding"] = "async"
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
    return image.url_for(spec_name) if image is not None else ""
