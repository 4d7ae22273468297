"""The stored index: written in the save's transaction for published content only,
taken out on unpublication and deletion, rebuilt idempotently; the same matches on
SQLite (FTS5) and PostgreSQL (tsvector + GIN)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from finest.core.models import PublishState
from finest.core.permissions import Actor
from finest.core.services import publishable_unpublish
from living_lab.models import OpenCall
from news.models import Article
from projects.models import Project
from searchindex.analysis import query_terms
from searchindex.models import SearchDocument
from searchindex.query import ranking_sql, search_documents
from tests.factories import ArticleFactory, OpenCallFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _found(query, language, model=Project):
    _terms, results = search_documents(query, language, [model], limit=20)
    return [hit.object_id for hit in results.get(model, ([], 0))[0]]


def test_a_published_object_has_a_document_per_language_it_has_text_in():
    project = ProjectFactory(title_fi="Kestävä liikkuminen", title_sv="Hållbar rörlighet", title_en="")
    languages = set(SearchDocument.objects.filter(object_id=project.pk).values_list("language", flat=True))
    assert {"fi", "sv"} <= languages


def test_drafts_are_never_indexed():
    draft = ProjectFactory(title_en="Secret mobility plan", state=PublishState.DRAFT, published_at=None)
    assert not SearchDocument.objects.filter(content_type__model="project", object_id=draft.pk).exists()
    assert _found("secret", "en") == []


def test_content_published_later_is_not_found_before_its_date():
    project = ProjectFactory(title_en="Future mobility", published_at=timezone.now() + timedelta(days=3))
    assert project.pk not in _found("future", "en")


def test_unpublishing_and_deleting_take_the_object_out():
    article = ArticleFactory(title_en="Harbour tunnel news")
    assert _found("harbour", "en", Article) == [article.pk]
    publishable_unpublish(obj=article, actor=Actor.system())
    assert _found("harbour", "en", Article) == []
    project = ProjectFactory(title_en="Harbour tunnel")
    project.delete()
    assert _found("harbour", "en") == []
    assert not SearchDocument.objects.filter(object_id=project.pk, content_type__model="project").exists()


def test_an_edit_replaces_the_old_words():
    project = ProjectFactory(title_en="Cycling lanes")
    project.title_en = "Walking streets"
    project.save()
    assert _found("cycling", "en") == []
    assert _found("walking", "en") == [project.pk]


def test_the_language_decides_which_words_are_searched():
    project = ProjectFactory(title_fi="Kaupunkipyöräily", title_sv="Stadscykling", title_en="City cycling")
    assert _found("stadscykling", "sv") == [project.pk]
    assert _found("stadscykling", "en") == []


def test_rebuild_is_idempotent_and_covers_content_indexed_before():
    ProjectFactory(title_en="Tram line")
    ProjectFactory(title_en="Ferry line")
    SearchDocument.objects.all().delete()  # as content written without save(), or before the index existed
    assert _found("ferry", "en") == []
    call_command("rebuild_search_index", verbosity=0)
    first = sorted(SearchDocument.objects.values_list("content_type_id", "object_id", "language", "body_terms"))
    call_command("rebuild_search_index", verbosity=0)
    assert sorted(SearchDocument.objects.values_list("content_type_id", "object_id", "language", "body_terms")) == first
    assert len(_found("ferry", "en")) == 1
    assert len(_found("line", "en")) == 2


def test_every_query_word_must_match():
    both = ProjectFactory(title_en="Smart harbour logistics")
    ProjectFactory(title_en="Smart street lights")
    assert _found("smart harbour", "en") == [both.pk]


def test_open_calls_are_indexed_too():
    call = OpenCallFactory(title_en="Call for mobility pilots")
    assert _found("mobility", "en", OpenCall) == [call.pk]


def test_the_search_query_uses_the_full_text_index():
    project = ProjectFactory(title_en="Mobility")
    content_type = ContentType.objects.get_for_model(Project)
    # Enough other documents for the planner to prefer the index to reading the table.
    SearchDocument.objects.bulk_create(
        SearchDocument(
            content_type=content_type, object_id=10_000 + n, language=("fi", "sv", "en")[n % 3], title=f"Other {n}",
            title_terms=f"other{n}", body_terms=f"word{n % 50} filler{n}", plain_text="", published_at=timezone.now(),
        )
        for n in range(3000)
    )
    sql, params = ranking_sql(query_terms("mobility", "en"), "en", [content_type.pk], limit=20)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE searchindex_searchdocument")
            cursor.execute("EXPLAIN " + sql, params)
            expected = "searchindex_vector_gin"
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            expected = "VIRTUAL TABLE INDEX"
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert expected in plan
    assert _found("mobility", "en") == [project.pk]
