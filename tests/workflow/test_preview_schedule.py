"""Preview links (expiry, tampering, headers), the banners, the unpublish date and its task."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.utils import timezone, translation

from finest.core.models import ChangeAction, ChangeLogEntry, PublishState
from finest.core.permissions import Actor
from news.models import Article
from tests.factories import ArticleFactory, ProjectFactory
from workflow import preview
from workflow.models import DraftState
from workflow.services import draft_save
from workflow.tasks import record_expiries
from workflow.templatetags.publication import banner_text

pytestmark = pytest.mark.django_db


def _drafted(author, **changes):
    article = ArticleFactory(title_en="Live title", title_fi="Julkinen otsikko")
    for name, value in changes.items():
        setattr(article, name, value)
    draft_save(obj=article, actor=Actor.from_user(author))
    article.refresh_from_db()
    return article


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_preview_renders_the_draft_in_each_language_and_is_never_cached(client, editor, language):
    article = _drafted(editor, title_en="Draft title", title_fi="Luonnosotsikko", title_sv="Utkastrubrik")
    response = client.get(preview.preview_url(article, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert {"fi": "Luonnosotsikko", "sv": "Utkastrubrik", "en": "Draft title"}[language] in html
    assert f'lang="{language}"' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # The public page is unchanged.
    with translation.override("en"):
        assert "Draft title" not in client.get(article.get_absolute_url()).content.decode()


def test_preview_of_a_project(client, editor):
    project = ProjectFactory(title_en="Live project")
    project.title_en = "Draft project"
    draft_save(obj=project, actor=Actor.from_user(editor))
    assert "Draft project" in client.get(preview.preview_url(project, "en")).content.decode()


def test_expired_and_tampered_tokens_are_404(client, editor, settings):
    article = _drafted(editor, title_en="Draft title")
    token = preview.preview_token(article, "en")
    assert client.get(f"/preview/{token}x/").status_code == 404
    assert client.get("/preview/not-a-token/").status_code == 404
    forged = signing.dumps({"ct": 1, "pk": article.pk, "lang": "en"}, salt="another", compress=True)
    assert client.get(f"/preview/{forged}/").status_code == 404
    bad_language = signing.dumps({"ct": 1, "pk": article.pk, "lang": "xx"}, salt=preview.SALT)
    assert client.get(f"/preview/{bad_language}/").status_code == 404
    settings.PREVIEW_MAX_AGE_DAYS = 7
    assert client.get(f"/preview/{token}/").status_code == 200
    # Signed 8 days ago: past the maximum age.
    old = timezone.now() - timedelta(days=8)
    signer = signing.TimestampSigner(salt=preview.SALT)
    signer.timestamp = lambda: signing.b62_encode(int(old.timestamp()))
    stale = signer.sign_object({"ct": _ct(article), "pk": article.pk, "lang": "en"}, compress=True)
    assert client.get(f"/preview/{stale}/").status_code == 404


def _ct(obj):
    return ContentType.objects.get_for_model(obj).pk


def test_banners(editor):
    now = timezone.now()
    draft = ArticleFactory(state=PublishState.DRAFT, published_at=None)
    assert banner_text(draft) == "Draft – not public"
    with translation.override("fi"):
        scheduled = ArticleFactory(published_at=now.replace(year=now.year + 1, month=1, day=15, hour=12))
        assert banner_text(scheduled) == f"Ajastettu julkaistavaksi 15.1.{now.year + 1}"
    expired = ArticleFactory(published_at=now - timedelta(days=3), unpublish_at=now - timedelta(days=1))
    assert banner_text(expired).startswith("Expired on ")
    assert banner_text(ArticleFactory()) == ""
    live = _drafted(editor, title_en="Changed")
    previewed = preview.read_token(preview.preview_token(live, "en")).apply(live)
    # The page is public: its pending draft is changes waiting, not a draft that is not public.
    assert banner_text(previewed) == "Changes waiting – the public page shows the published version"
    previewed._workflow_draft.state = DraftState.SUBMITTED
    assert banner_text(previewed) == "Changes waiting for review"


def test_banner_of_a_never_published_item_with_a_draft(editor):
    unpublished = ArticleFactory(state=PublishState.DRAFT, published_at=None)
    unpublished.title_en = "Changed"
    draft_save(obj=unpublished, actor=Actor.from_user(editor), submit=True)
    previewed = preview.read_token(preview.preview_token(unpublished, "en")).apply(unpublished)
    assert banner_text(previewed) == "Draft – not public, waiting for review"


def test_banner_of_a_scheduled_item_with_changes_uses_the_stored_date(editor):
    now = timezone.now()
    scheduled = ArticleFactory(published_at=now.replace(year=now.year + 1, month=1, day=15, hour=12))
    scheduled.published_at = now.replace(year=now.year + 1, month=3, day=1, hour=12)
    draft_save(obj=scheduled, actor=Actor.from_user(editor))
    scheduled.refresh_from_db()
    previewed = preview.read_token(preview.preview_token(scheduled, "fi")).apply(scheduled)
    with translation.override("fi"):
        text = banner_text(previewed)
    assert text.startswith(f"Ajastettu julkaistavaksi 15.1.{now.year + 1} · ")
    assert "Luonnos" not in text


def test_preview_of_a_live_project_with_a_draft_says_changes_wait(client, editor):
    project = ProjectFactory(title_fi="Julkinen hanke")
    project.title_fi = "Muutettu hanke"
    draft_save(obj=project, actor=Actor.from_user(editor))
    html = client.get(preview.preview_url(project, "fi")).content.decode()
    assert "Muutettu hanke" in html
    assert "Luonnos – ei julkinen" not in html
    assert "Muutokset odottavat" in html


def test_unpublish_at_is_honoured_everywhere(client):
    now = timezone.now()
    gone = ArticleFactory(title_en="Gone article", published_at=now - timedelta(days=2), unpublish_at=now - timedelta(minutes=1))
    stays = ArticleFactory(title_en="Staying article", published_at=now - timedelta(days=2), unpublish_at=now + timedelta(days=1))
    assert list(Article.objects.published()) == [stays]
    assert not gone.is_public and stays.is_public
    with translation.override("en"):
        assert client.get(gone.get_absolute_url()).status_code == 404
    api = client.get("/api/v1/news/").content.decode()
    assert "Staying article" in api and "Gone article" not in api
    sitemap = client.get("/sitemap.xml").content.decode()
    assert gone.slug_fi not in sitemap


def test_expiry_task_records_a_tombstone_once():
    now = timezone.now()
    article = ArticleFactory(published_at=now - timedelta(days=2), unpublish_at=now + timedelta(hours=1))
    assert record_expiries(now) == 0
    later = now + timedelta(hours=2)
    assert record_expiries(later) == 1
    entry = ChangeLogEntry.objects.filter(object_id=article.pk, action=ChangeAction.UNPUBLISHED).get()
    assert entry.public_id == article.public_id and entry.at == later
    assert ChangeLogEntry.objects.tombstones().filter(object_id=article.pk).count() == 1
    assert record_expiries(later + timedelta(minutes=1)) == 0


def test_preview_is_not_page_cached_and_the_public_page_keeps_its_cache(client, editor, settings):
    settings.PAGE_CACHE = True
    article = _drafted(editor, title_en="First draft")
    url = preview.preview_url(article, "en")
    assert "First draft" in client.get(url).content.decode()
    article.title_en = "Second draft"
    draft_save(obj=article, actor=Actor.from_user(editor))
    assert "Second draft" in client.get(url).content.decode()
    with translation.override("en"):
        assert "Second draft" not in client.get(article.get_absolute_url()).content.decode()
