"""Writes to the search index. ``index_object`` runs inside the object's save
transaction (``searchindex.signals``), so the index commits or rolls back with it;
only published objects are indexed and anything else is taken out."""

from __future__ import annotations

import html

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.html import strip_tags

from finest.core.i18n import raw_value, translation_fields
from finest.core.models import PublishState
from finest.core.richtext import RichTextField

from .analysis import document_terms
from .models import SearchDocument
from .registry import Entry, entry_for, registered

REBUILD_BATCH = 500


def _text(obj, field: str, language: str, translated: set[str]) -> str:
    value = raw_value(obj, field, language) if field in translated else getattr(obj, field, "") or ""
    value = str(value)
    if isinstance(obj._meta.get_field(f"{field}_{language}" if field in translated else field), RichTextField):
        # The body is sanitised HTML; the index and the snippets want its words only.
        value = html.unescape(strip_tags(value.replace("<", " <")))
    return " ".join(value.split())


def _is_indexed(obj) -> bool:
    return getattr(obj, "state", None) == PublishState.PUBLISHED and getattr(obj, "published_at", None) is not None


def documents_for(entry: Entry, obj, content_type: ContentType) -> list[SearchDocument]:
    """``obj``'s documents, one per language it has text in, unsaved (the caller writes them)."""
    translated = set(translation_fields(entry.model))
    documents = []
    for language in settings.LANGUAGE_CODES:
        titles = [_text(obj, name, language, translated) for name in entry.title_fields]
        bodies = [_text(obj, name, language, translated) for name in entry.body_fields]
        # A language the object has no text in is not one it can be found in.
        if not any(titles) and not any(bodies):
            continue
        documents.append(
            SearchDocument(
                content_type=content_type,
                object_id=obj.pk,
                language=language,
                # Shown as the result's heading: the main title (an acronym is only searched).
                title=next(value for value in (*titles, *bodies) if value)[:300],
                title_terms=document_terms(" ".join(titles), language),
                body_terms=document_terms(" ".join(bodies), language),
                plain_text="\n".join(value for value in bodies if value),
                published_at=obj.published_at,
                unpublish_at=getattr(obj, "unpublish_at", None),
            )
        )
    return documents


def index_object(obj) -> None:
    """Bring ``obj``'s documents up to date: written when it is published, removed otherwise."""
    entry = entry_for(type(obj))
    if entry is None:
        return
    content_type = ContentType.objects.get_for_model(entry.model)
    with transaction.atomic():
        SearchDocument.objects.filter(content_type=content_type, object_id=obj.pk).delete()
        if _is_indexed(obj):
            SearchDocument.objects.bulk_create(documents_for(entry, obj, content_type))


def remove_object(model: type[models.Model], pk) -> None:
    content_type = ContentType.objects.get_for_model(model)
    SearchDocument.objects.filter(content_type=content_type, object_id=pk).delete()


def rebuild_index() -> int:
    """Index every published object of the registered models again; returns how many
    documents there are. Running it twice gives the same index."""
    count = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for entry in registered():
            content_type = ContentType.objects.get_for_model(entry.model)
            objects = entry.model._default_manager.filter(state=PublishState.PUBLISHED, published_at__isnull=False)
            batch: list[SearchDocument] = []
            for obj in objects.order_by("pk").iterator(chunk_size=REBUILD_BATCH):
                batch.extend(documents_for(entry, obj, content_type))
                if len(batch) >= REBUILD_BATCH:
                    count += len(SearchDocument.objects.bulk_create(batch))
                    batch = []
            count += len(SearchDocument.objects.bulk_create(batch))
    return count
