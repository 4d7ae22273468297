"""Live text search over translated fields, for the list filters (the projects' and
partners' ``q=``, the API's ``q=``): they filter querysets that may hold drafts an
actor may see, which the stored index (published content only) does not have; the
site search reads the index (``searchindex.query``). PostgreSQL uses full-text search
with the finnish, swedish and english configurations and ranks the results; SQLite
falls back to case-insensitive containment. A model's QuerySet gets
``search(q, language)`` from SearchableQuerySet by declaring its ``search_fields``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import models
from django.utils import translation

from finest.core.i18n import translation_fields

SEARCH_CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}


def text_search(queryset: models.QuerySet, query: str, fields: list[str], language: str | None = None):
    query = (query or "").strip()[:200]
    if not query:
        return queryset
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    translated = set(translation_fields(queryset.model))
    columns = [f"{name}_{language}" if name in translated else name for name in fields]
    if settings.IS_POSTGRES:
        config = SEARCH_CONFIGS.get(language, "simple")
        vector = SearchVector(*columns, config=config)
        search_query = SearchQuery(query, config=config, search_type="websearch")
        return (
            queryset.annotate(search_rank=SearchRank(vector, search_query))
            .filter(models.Q(search_rank__gt=0) | _contains_any(columns, query))
            .order_by("-search_rank", "-pk")
        )
    return queryset.filter(_contains_any(columns, query))


def _contains_any(columns: list[str], query: str) -> models.Q:
    condition = models.Q()
    for column in columns:
        condition |= models.Q(**{f"{column}__icontains": query})
    return condition


class SearchableQuerySet(models.QuerySet):
    """``search(q, language)`` over ``search_fields``: names of the model's fields,
    translated ones without their language suffix."""

    search_fields: tuple[str, ...] = ()

    def search(self, query: str, language: str | None = None):
        return text_search(self, query, list(self.search_fields), language)
