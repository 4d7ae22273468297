"""Translation helpers: which languages an object really has, a field's value in a
language with the fallback (and whether it fell back), translated slugs and the
one helper that gives an object's URL in a given language."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from modeltranslation.translator import NotRegistered, translator

FALLBACKS: dict[str, tuple[str, ...]] = settings.MODELTRANSLATION_FALLBACK_LANGUAGES


def fallback_chain(language: str) -> tuple[str, ...]:
    """The language itself followed by its fallbacks, without repeats."""
    chain = [language, *FALLBACKS.get(language, FALLBACKS["default"])]
    return tuple(dict.fromkeys(code for code in chain if code in settings.LANGUAGE_CODES))


def raw_value(obj, field: str, language: str) -> str:
    return getattr(obj, f"{field}_{language}", None) or ""


@dataclass(frozen=True)
class Translated:
    value: str
    language: str | None
    requested: str

    @property
    def fell_back(self) -> bool:
        return self.language is not None and self.language != self.requested

    def __str__(self) -> str:
        return self.value


def translated(obj, field: str, language: str | None = None) -> Translated:
    """``field`` of ``obj`` in ``language``, falling back along the documented chain."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    language = language.split("-")[0]
    for code in fallback_chain(language):
        value = raw_value(obj, field, code)
        if value:
            return Translated(value=value, language=code, requested=language)
    return Translated(value="", language=None, requested=language)


def available_languages(obj, field: str | None = None) -> list[str]:
    """Languages in which ``obj`` really has its main text (``field``, or its title/name)."""
    field = field or main_text_field(obj)
    return [code for code in settings.LANGUAGE_CODES if raw_value(obj, field, code)]


def main_text_field(obj) -> str:
    for candidate in ("title", "name"):
        if hasattr(obj, f"{candidate}_fi"):
            return candidate
    raise AttributeError(f"{type(obj).__name__} has no translated title or name")


def translation_fields(model) -> list[str]:
    """The names of the translated fields registered for ``model``."""
    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def missing_translations(obj) -> dict[str, list[str]]:
    """{language: [fields that have text in some language but not in this one]}."""
    missing: dict[str, list[str]] = {}
    for field in translation_fields(type(obj)):
        if field == "slug":
            continue
        values = {code: raw_value(obj, field, code) for code in settings.LANGUAGE_CODES}
        if not any(values.values()):
            continue
        for code, value in values.items():
            if not value:
                missing.setdefault(code, []).append(field)
    return missing


def slug_for(obj, language: str | None = None) -> str:
    """The object's slug in ``language``, or in its fallback language."""
    return translated(obj, "slug", language).value or str(obj.pk)


def url_in_language(obj, language: str) -> str:
    """The path of ``obj``'s public page in ``language`` (prefix, translated path and slug)."""
    with translation.override(language):
        return obj.get_absolute_url()


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def unique_slug(model, language: str, base: str, exclude_pk=None) -> str:
    base = (slugify(base) or "item")[:120].strip("-") or "item"
    field = f"slug_{language}"
    candidate, counter = base, 2
    queryset = model._default_manager.all()
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    while queryset.filter(**{field: candidate}).exists():
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate


def fill_translated_slugs(obj, source_field: str) -> list[tuple[str, str]]:
    """Fill empty ``slug_<lang>`` from ``<source_field>_<lang>``, keep slugs unique per language,
    and return the (language, old slug) pairs that changed, for the slug history."""
    previous = None
    if obj.pk:
        previous = type(obj)._default_manager.filter(pk=obj.pk).values(
            *[f"slug_{code}" for code in settings.LANGUAGE_CODES]
        ).first()
    replaced: list[tuple[str, str]] = []
    for code in settings.LANGUAGE_CODES:
        slug_attr = f"slug_{code}"
        current = getattr(obj, slug_attr, "") or ""
        source = raw_value(obj, source_field, code)
        if not current and source:
            current = unique_slug(type(obj), code, source, exclude_pk=obj.pk)
        elif current:
            current = slugify(current) or unique_slug(type(obj), code, source or "item", exclude_pk=obj.pk)
            if type(obj)._default_manager.exclude(pk=obj.pk).filter(**{slug_attr: current}).exists():
                current = unique_slug(type(obj), code, current, exclude_pk=obj.pk)
        empty = None if type(obj)._meta.get_field(slug_attr).null else ""
        setattr(obj, slug_attr, current or empty)
        old = (previous or {}).get(slug_attr)
        if old and old != current:
            replaced.append((code, old))
    return replaced


class TranslatedSlugMixin:
    """Models with translated ``slug`` fields: slugs are filled from ``slug_source_field``
    and old slugs are remembered so that their links redirect."""

    slug_source_field = "title"

    def save(self, *args, **kwargs):
        from .models import SlugHistory  # noqa: PLC0415 - models imports this module

        replaced = fill_translated_slugs(self, self.slug_source_field)
        super().save(*args, **kwargs)
        for language, old_slug in replaced:
            SlugHistory.objects.update_or_create(
                model_label=self._meta.label_lower, language=language, slug=old_slug,
                defaults={"object_id": self.pk},
            )
