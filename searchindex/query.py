"""Searching the index: one query over every requested model ranks the documents of
one language (title hits first, then the database's rank: ``ts_rank`` on
PostgreSQL, ``bm25`` on SQLite) and cuts each model's list, with its total, by window
functions. Both databases get the same matches from the same terms: every query word
must occur, as a prefix of a document term."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import matches, query_terms

SNIPPET_WORDS = 30
SNIPPET_LEAD = 8


@dataclass(frozen=True)
class Hit:
    object_id: int
    title: str
    plain_text: str
    title_hit: bool


_POSTGRES = """
SELECT content_type_id, object_id, title, plain_text, title_hit, total FROM (
    SELECT d.content_type_id, d.object_id, d.title, d.plain_text,
        d.search_vector @@ to_tsquery('simple', %(title_query)s) AS title_hit,
        ROW_NUMBER() OVER (
            PARTITION BY d.content_type_id
            ORDER BY d.search_vector @@ to_tsquery('simple', %(title_query)s) DESC,
                ts_rank(d.search_vector, to_tsquery('simple', %(query)s)) DESC, d.object_id DESC
        ) AS position,
        COUNT(*) OVER (PARTITION BY d.content_type_id) AS total
    FROM searchindex_searchdocument d
    WHERE d.search_vector @@ to_tsquery('simple', %(query)s)
        AND d.language = %(language)s AND d.published_at <= %(now)s
        AND (d.unpublish_at IS NULL OR d.unpublish_at > %(now)s) AND d.content_type_id IN ({types})
) ranked WHERE position <= %(limit)s ORDER BY content_type_id, position
"""

_SQLITE = """
SELECT content_type_id, object_id, title, plain_text, title_hit, total FROM (
    SELECT d.content_type_id, d.object_id, d.title, d.plain_text,
        t.rowid IS NOT NULL AS title_hit,
        ROW_NUMBER() OVER (
            PARTITION BY d.content_type_id
            ORDER BY t.rowid IS NOT NULL DESC, m.rank ASC, d.object_id DESC
        ) AS position,
        COUNT(*) OVER (PARTITION BY d.content_type_id) AS total
    FROM searchindex_searchdocument d
    JOIN (
        SELECT rowid, bm25(searchindex_fts, 10.0, 1.0) AS rank FROM searchindex_fts WHERE searchindex_fts MATCH %(query)s
    ) m ON m.rowid = d.id
    LEFT JOIN (
        SELECT rowid FROM searchindex_fts WHERE searchindex_fts MATCH %(title_query)s
    ) t ON t.rowid = d.id
    WHERE d.language = %(language)s AND d.published_at <= %(now)s
        AND (d.unpublish_at IS NULL OR d.unpublish_at > %(now)s) AND d.content_type_id IN ({types})
) ranked WHERE position <= %(limit)s ORDER BY content_type_id, position
"""


def _match_expressions(terms: list[str]) -> tuple[str, str]:
    # The analyser yields letters and digits only, so the terms are safe inside quotes.
    if connection.vendor == "postgresql":
        return " & ".join(f"'{term}':*" for term in terms), " & ".join(f"'{term}':*A" for term in terms)
    every = " AND ".join(f'"{term}"*' for term in terms)
    return every, f"title_terms : ({every})"


def ranking_sql(terms: list[str], language: str, content_type_ids: list[int], *, limit: int) -> tuple[str, dict]:
    """The one query behind ``search_documents``, for this database."""
    match, title_match = _match_expressions(terms)
    placeholders = ", ".join(f"%(type{pk})s" for pk in content_type_ids)
    sql = (_POSTGRES if connection.vendor == "postgresql" else _SQLITE).format(types=placeholders)
    params = {"query": match, "title_query": title_match, "language": language, "now": timezone.now(), "limit": limit}
    params.update({f"type{pk}": pk for pk in content_type_ids})
    return sql, params


def search_documents(
    query: str, language: str, models_: list[type[models.Model]], *, limit: int
) -> tuple[list[str], dict[type[models.Model], tuple[list[Hit], int]]]:
    """The query's terms, and for each model with matches its best ``limit`` hits and their total."""
    terms = query_terms(query, language)
    if not terms or not models_:
        return terms, {}
    types = ContentType.objects.get_for_models(*models_)
    model_by_type = {content_type.pk: model for model, content_type in types.items()}
    sql, params = ranking_sql(terms, language, list(model_by_type), limit=limit)
    results: dict[type[models.Model], tuple[list[Hit], int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for content_type_id, object_id, title, plain_text, title_hit, total in cursor.fetchall():
            hits, _ = results.get(model_by_type[content_type_id], ([], 0))
            hits.append(Hit(object_id=object_id, title=title, plain_text=plain_text, title_hit=bool(title_hit)))
            results[model_by_type[content_type_id]] = (hits, total)
    return terms, results


_TOKENS = re.compile(r"([^\W_]+)")


def highlight(text: str, terms: list[str], language: str, *, words: int | None = None) -> SafeString:
    """``text`` escaped, then the words the query found wrapped in ``<mark>``. With
    ``words``, a window of that many words around the first match (the start when
    nothing matches), with an ellipsis where text was left out."""
    pieces = _TOKENS.split(text or "")  # words at odd positions, what lies between at even ones
    found = [index for index in range(1, len(pieces), 2) if matches(pieces[index], terms, language)]
    start, end, before, after = 0, len(pieces), "", ""
    if words is not None:
        first = found[0] if found else 1
        start = max(0, first - 2 * SNIPPET_LEAD)
        end = min(len(pieces), start + 2 * words)
        before = "… " if start > 0 else ""
        after = " …" if end < len(pieces) else ""
        start += start % 2  # begin at the text between two words, never inside one
    marked = set(found)
    out = []
    for index in range(start, end):
        piece = escape(pieces[index])
        out.append(f"<mark>{piece}</mark>" if index in marked else piece)
    body = "".join(out).strip()
    return mark_safe(f"{before}{body}{after}" if body else "")  # noqa: S308 - every piece was escaped above


@dataclass(frozen=True)
class Result:
    object: models.Model
    title: SafeString
    snippet: SafeString


def site_search(query: str, language: str, querysets: dict[str, models.QuerySet], *, limit: int) -> dict[str, tuple[list[Result], int]]:
    """For each key of ``querysets`` (what the visitor may see of a model, e.g. its
    ``published()``), its best ``limit`` results and their total. Takes one query for
    the index and one per model with hits, however many results there are."""
    terms, found = search_documents(query, language, [queryset.model for queryset in querysets.values()], limit=limit)
    results: dict[str, tuple[list[Result], int]] = {}
    for key, queryset in querysets.items():
        hits, total = found.get(queryset.model, ([], 0))
        if not hits:
            continue
        # The index is a candidate list; the queryset has the last word on what is shown.
        objects = queryset.in_bulk([hit.object_id for hit in hits])
        shown = [
            Result(
                object=objects[hit.object_id],
                title=highlight(hit.title, terms, language),
                snippet=highlight(hit.plain_text, terms, language, words=SNIPPET_WORDS),
            )
            for hit in hits
            if hit.object_id in objects
        ]
        results[key] = (shown, total - (len(hits) - len(shown)))
    return results
