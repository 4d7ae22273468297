import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses the site's own feed in tests
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from finest.core.models import PublishState
from news.models import ArticleKind
from tests.factories import ArticleFactory, EventFactory, FocusAreaFactory, PilotFactory, ProjectFactory
from tests.helpers import LANGUAGES, assert_page_in_language, url, url_in

pytestmark = pytest.mark.django_db


class TestArticleList:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_list_in_each_language_links_its_feed(self, client, language):
        article = ArticleFactory()
        html = assert_page_in_language(client.get(url("news:list", language)), language)
        assert url_in(article, language) in html
        with translation.override(language):
            title = gettext("FinEst Twins news")
        assert f'<link rel="alternate" type="application/rss+xml" title="{title}" href="{url("news:feed", language)}">' in html

    def test_newest_first_and_drafts_hidden(self, client):
        ArticleFactory(title_en="Older news", published_at=timezone.now() - timedelta(days=5))
        ArticleFactory(title_en="Newer news", published_at=timezone.now() - timedelta(days=1))
        ArticleFactory(title_en="Draft news", state=PublishState.DRAFT)
        ArticleFactory(title_en="Scheduled news", published_at=timezone.now() + timedelta(days=1))
        html = client.get(url("news:list")).content.decode()
        assert html.index("Newer news") < html.index("Older news")
        assert "Draft news" not in html and "Scheduled news" not in html

    def test_kind_filter(self, client):
        ArticleFactory(title_en="A press release", kind=ArticleKind.PRESS_RELEASE)
        ArticleFactory(title_en="A blog post", kind=ArticleKind.BLOG)
        html = client.get(url("news:list") + "?kind=press_release").content.decode()
        assert "A press release" in html and "A blog post" not in html
        assert '<option value="press_release" selected>' in html

    @pytest.mark.parametrize("query", ["?page=abc", "?page=99999", "?page=0", "?kind=nonsense", "?kind=%3Cscript%3E"])
    def test_nonsense_parameters_fall_back(self, client, query):
        ArticleFactory.create_batch(15)
        response = client.get(url("news:list") + query)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode()

    def test_pagination_keeps_the_filter(self, client):
        ArticleFactory.create_batch(15, kind=ArticleKind.BLOG)
        html = client.get(url("news:list") + "?kind=blog").content.decode()
        assert 'href="?kind=blog&amp;page=2"' in html

    def test_query_count_does_not_grow_with_rows(self, client, django_assert_max_num_queries):
        areas = FocusAreaFactory.create_batch(3)
        for _index in range(110):
            ArticleFactory().focus_areas.set(areas)
        # The menu and footer come from the page tree: one query (pages/context_processors.py).
        with django_assert_max_num_queries(6):
            assert client.get(url("news:list") + "?page=4").status_code == 200


class TestArticleDetail:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_detail_in_each_language(self, client, language):
        article = ArticleFactory(title_fi="Uutinen", title_sv="Nyheten", title_en="The news")
        html = assert_page_in_language(client.get(url_in(article, language)), language)
        assert {"fi": "Uutinen", "sv": "Nyheten", "en": "The news"}[language] in html
        (data,) = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == {"fi": "Uutinen", "sv": "Nyheten", "en": "The news"}[language]
        assert data["url"].endswith(url_in(article, language))

    def test_lead_body_and_related_content(self, client):
        project = ProjectFactory(title_en="FinEst Twins project")
        event = EventFactory(title_en="Launch seminar")
        pilot = PilotFactory(title_en="Mobility pilot")
        draft_project = ProjectFactory(title_en="Secret project", state=PublishState.DRAFT)
        article = ArticleFactory(lead_en="A short lead.", body_en="<p>Body with <strong>bold</strong>.</p><script>alert(1)</script>")
        article.related_projects.add(project, draft_project)
        article.related_events.add(event)
        article.related_pilots.add(pilot)
        html = client.get(url_in(article, "en")).content.decode()
        assert "A short lead." in html
        assert "<strong>bold</strong>" in html and "alert(1)" not in html
        for linked in (project, event, pilot):
            assert url_in(linked, "en") in html
        assert "Secret project" not in html

    def test_missing_translation_shows_a_note(self, client):
        article = ArticleFactory(title_sv="", body_sv="", body_fi="Vain suomeksi.", body_en="")
        html = client.get(url_in(article, "sv")).content.decode()
        assert "Vain suomeksi." in html and 'class="fallback-note"' in html

    def test_unknown_slug_old_slug_and_other_language(self, client):
        assert client.get(url("news:detail", "en", slug="nope")).status_code == 404
        article = ArticleFactory(title_fi="Uutinen", title_en="First title")
        response = client.get(url("news:detail", "en", slug=article.slug_fi))
        assert response.status_code == 301 and response["Location"] == url_in(article, "en")
        article.slug_en = "second-title"
        article.save()
        response = client.get(url("news:detail", "en", slug="first-title"))
        assert response.status_code == 301 and response["Location"].endswith("/second-title/")

    def test_draft_is_404_for_visitors_and_previewable_for_staff(self, staff_client):
        article = ArticleFactory(state=PublishState.DRAFT, published_at=None)
        assert Client().get(url_in(article, "en")).status_code == 404
        response = staff_client.get(url_in(article, "en"))
        assert response.status_code == 200 and "Draft – not public" in response.content.decode()

    def test_query_count_does_not_grow_with_related_items(self, client, django_assert_max_num_queries):
        article = ArticleFactory()
        article.related_projects.set(ProjectFactory.create_batch(30))
        article.related_events.set(EventFactory.create_batch(30))
        article.related_pilots.set(PilotFactory.create_batch(40))
        article.focus_areas.set(FocusAreaFactory.create_batch(5))
        with django_assert_max_num_queries(8):
            assert client.get(url_in(article, "en")).status_code == 200


class TestFeed:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_feed_per_language(self, client, language):
        article = ArticleFactory(title_fi="Uutinen", title_sv="Nyheten", title_en="The news", lead_sv="Ingress.")
        ArticleFactory(title_en="Draft", state=PublishState.DRAFT)
        response = client.get(url("news:feed", language))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output
        assert channel.findtext("language") == language
        items = channel.findall("item")
        assert len(items) == 1
        assert items[0].findtext("title") == {"fi": "Uutinen", "sv": "Nyheten", "en": "The news"}[language]
        link = items[0].findtext("link")
        assert link.startswith("http") and link.endswith(url_in(article, language))
        assert items[0].findtext("guid") == f"urn:uuid:{article.public_id}"

    def test_feed_query_count(self, client, django_assert_max_num_queries):
        areas = FocusAreaFactory.create_batch(2)
        for _index in range(110):
            ArticleFactory().focus_areas.set(areas)
        with django_assert_max_num_queries(3):
            response = client.get(url("news:feed"))
        assert response.content.count(b"<item>") == 30
