"""The search index: one row per published object and language, written by the
services' save transaction (``searchindex.signals``) and rebuilt by
``manage.py rebuild_search_index``.

The full-text part is the database's own, added by migration 0002 and invisible to the
ORM: on PostgreSQL a stored ``tsvector`` column (``search_vector``, config ``simple``:
the terms are stemmed already, title terms weighted A) with a GIN index; on SQLite an
FTS5 table (``searchindex_fts``) that triggers keep in step with this one. Queries go
through ``searchindex.query``."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    language = models.CharField(_("language"), max_length=5)
    title = models.TextField(_("title"))
    # The analysed terms (searchindex.analysis.document_terms), which the database indexes.
    title_terms = models.TextField(_("title terms"))
    body_terms = models.TextField(_("body terms"))
    # The text as shown, without markup, for the snippets.
    plain_text = models.TextField(_("plain text"))
    # Indexed objects are published; one whose publish date is still to come waits here.
    published_at = models.DateTimeField(_("publish date"))
    # And one with an expiry date leaves the results when it passes.
    unpublish_at = models.DateTimeField(_("unpublish date"), null=True, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=("content_type", "object_id", "language"), name="searchindex_one_document_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"
