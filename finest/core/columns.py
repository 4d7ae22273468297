"""Lists select fewer columns: each translated field's own column (``title`` beside ``title_fi``,
``title_sv``, ``title_en``) is never read once modeltranslation has registered the field, since its
descriptor reads the language columns with their fallbacks; so listing querysets leave it out, for
the model and the models it selects with it. Every language column stays: the fallbacks
(MODELTRANSLATION_FALLBACK_LANGUAGES) reach all three languages. The long texts a card never shows
(a body, a description) can be left out too, every language of them (``also``): read on such a
row, each would cost a query, which the query-count tests would show."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator


@cache
def _base_fields(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def _related(model, tree: dict, prefix: str) -> list[str]:
    names = []
    for name, subtree in tree.items():
        target = model._meta.get_field(name).related_model
        path = f"{prefix}{name}__"
        names += [path + field for field in _base_fields(target)]
        names += _related(target, subtree, path)
    return names


def _language_columns(fields: tuple[str, ...]) -> list[str]:
    return [f"{field}_{code}" for field in fields for code in settings.MODELTRANSLATION_LANGUAGES]


def without_base_columns(queryset, *, also: tuple[str, ...] = ()):
    """``queryset`` without the translated fields' own columns (its model's and those it selects
    related), nor the columns of the translated fields ``also`` in any language."""
    names = [*_base_fields(queryset.model), *_language_columns(also)]
    if isinstance(queryset.query.select_related, dict):
        names += _related(queryset.model, queryset.query.select_related, "")
    if not names:
        return queryset
    clone = queryset._chain()
    # Not .defer(): modeltranslation's defer() would widen "title" to every language column.
    clone.query.add_deferred_loading(frozenset(names))
    return clone
