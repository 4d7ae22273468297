"""Drafts of live content through the admin: the live object stays as it is until published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from finest.core.models import ChangeAction, ChangeLogEntry, PublishState
from news.models import Article
from tests.core.test_admin import form_data
from tests.factories import ArticleFactory, ProjectFactory
from workflow.models import Draft, DraftState

pytestmark = pytest.mark.django_db


def public_url(obj, language="en"):
    with translation.override(language):
        return obj.get_absolute_url()


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _edit(client, obj, button, **changes):
    data = form_data(client.get(change_url(obj)))
    data.update(changes)
    data[button] = "1"
    return client.post(change_url(obj), data)


def test_editor_saves_a_draft_and_the_live_article_is_untouched(client, editor):
    article = ArticleFactory(title_en="Live title")
    client.force_login(editor)
    page = client.get(change_url(article))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_workflow_save_draft"' in html
    assert 'name="_workflow_publish"' not in html
    assert 'name="_save"' not in html

    response = _edit(client, article, "_workflow_save_draft", title_en="Draft title")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Live title"
    draft = Draft.objects.get()
    assert draft.author == editor and draft.state == DraftState.DRAFT
    assert draft.data["fields"]["title_en"] == "Draft title"
    # The form continues from the draft.
    assert "Draft title" in client.get(change_url(article)).content.decode()
    # Public page and API show the live values.
    client.logout()
    assert "Live title" in client.get(public_url(article)).content.decode()
    assert "Draft title" not in client.get(public_url(article)).content.decode()


@pytest.mark.parametrize("button", ["_save", "_continue", None])
def test_editors_plain_save_of_live_content_keeps_a_draft(client, editor, button):
    article = ArticleFactory(title_en="Live title")
    client.force_login(editor)
    data = form_data(client.get(change_url(article)))
    data["title_en"] = "Crafted"
    if button:
        data[button] = "1"
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Live title"
    draft = Draft.objects.get()
    assert draft.author == editor and draft.state == DraftState.DRAFT
    assert draft.data["fields"]["title_en"] == "Crafted"


@pytest.mark.parametrize("role", ["publisher", "superuser"])
@pytest.mark.parametrize("button", ["_save", "_continue", None])
def test_a_publishers_plain_save_of_live_content_keeps_a_draft(client, request, role, button):
    """Plain "Tallenna" used to publish a superuser's change at once."""
    user = request.getfixturevalue(role)
    article = ArticleFactory(title_en="Live title")
    client.force_login(user)
    html = client.get(change_url(article)).content.decode()
    assert 'name="_save"' not in html and 'name="_continue"' not in html
    assert 'name="_workflow_save_draft" class="default"' in html
    assert 'name="_workflow_publish"' in html
    data = form_data(client.get(change_url(article)))
    data["title_en"] = "Changed title"
    if button:
        data[button] = "1"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Live title"
    assert Draft.objects.get().data["fields"]["title_en"] == "Changed title"
    client.logout()
    assert "Changed title" not in client.get(public_url(article)).content.decode()


def test_draft_content_keeps_its_direct_save(client, superuser):
    article = ArticleFactory(title_en="Unpublished", state=PublishState.DRAFT, published_at=None)
    client.force_login(superuser)
    assert 'name="_save"' in client.get(change_url(article)).content.decode()
    response = _edit(client, article, "_save", title_en="Saved directly")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Saved directly" and not Draft.objects.exists()


def test_publishing_changes_keeps_the_stored_publish_date(client, publisher):
    """The widget shows minutes (fi "12.30"): a re-save must not cut the stored seconds off."""
    published_at = (timezone.now() - timedelta(days=3)).replace(second=47, microsecond=123456)
    article = ArticleFactory(title_en="Live title", published_at=published_at)
    client.force_login(publisher)
    data = form_data(client.get(change_url(article)))
    local = timezone.localtime(published_at)
    data["published_at_0"], data["published_at_1"] = f"{local.day}.{local.month}.{local.year}", local.strftime("%H.%M")
    data.update(title_en="Published title", _workflow_publish="1")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Published title"
    assert article.published_at == published_at
    # A real change of the date is kept, at the widget's precision.
    data = form_data(client.get(change_url(article)))
    later = local + timedelta(days=1)
    data["published_at_0"], data["published_at_1"] = f"{later.day}.{later.month}.{later.year}", later.strftime("%H.%M")
    data["_workflow_publish"] = "1"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.published_at == later.replace(second=0, microsecond=0)


def test_editors_publish_button_is_refused(client, editor):
    article = ArticleFactory(title_en="Live title")
    client.force_login(editor)
    response = _edit(client, article, "_workflow_publish", title_en="Crafted")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title_en == "Live title"
    assert not Draft.objects.exists()


def test_submit_then_publisher_approves_in_the_review(client, editor, publisher):
    article = ArticleFactory(title_en="Live title")
    client.force_login(editor)
    _edit(client, article, "_workflow_submit", title_en="Reviewed title")
    draft = Draft.objects.get()
    assert draft.state == DraftState.SUBMITTED
    client.force_login(publisher)
    review = reverse("admin:workflow_draft_change", args=[draft.pk])
    page = client.get(review)
    assert 'name="_approve"' in page.content.decode()
    with_entries = ChangeLogEntry.objects.count()
    response = client.post(review, {"comment": "", "_approve": "1"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Reviewed title"
    assert not Draft.objects.exists()
    assert ChangeLogEntry.objects.count() > with_entries
    assert ChangeLogEntry.objects.filter(object_id=article.pk, action=ChangeAction.UPDATED).exists()
    assert "Reviewed title" in client.get(public_url(article)).content.decode()


def test_publisher_rejects_with_a_comment_and_the_author_is_mailed_in_their_language(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title_en="Live title")
    client.force_login(editor)
    with translation.override("fi"):
        _edit(client, article, "_workflow_submit", title_en="Reviewed title")
    draft = Draft.objects.get()
    assert draft.language == "fi"  # the language the editor worked in
    client.force_login(publisher)
    review = reverse("admin:workflow_draft_change", args=[draft.pk])
    empty = client.post(review, {"comment": "", "_reject": "1"})
    assert empty.status_code == 200  # the form error: a rejection needs a comment
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review, {"comment": "Korjaa otsikko", "_reject": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == DraftState.REJECTED and draft.comment == "Korjaa otsikko"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["editor@example.org"]
    assert "Korjaa otsikko" in mail.outbox[0].body
    assert "tarvitsee muutoksia" in mail.outbox[0].subject  # Finnish


def test_publisher_publishes_changes_directly(client, publisher):
    article = ArticleFactory(title_en="Live title")
    client.force_login(publisher)
    response = _edit(client, article, "_workflow_publish", title_en="Published title")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Published title"
    assert not Draft.objects.exists()


def test_draft_of_a_live_project_keeps_the_project_public(client, editor):
    project = ProjectFactory(title_en="Live project")
    client.force_login(editor)
    response = _edit(client, project, "_workflow_save_draft", title_en="Draft project")
    assert response.status_code == 302, response.content.decode()[:2000]
    project.refresh_from_db()
    assert project.title_en == "Live project"
    client.logout()
    assert client.get(public_url(project)).status_code == 200
    api = client.get("/api/v1/projects/")
    assert "Draft project" not in api.content.decode()
    assert "Live project" in api.content.decode()
    assert "Draft project" not in client.get("/sitemap.xml").content.decode()
    assert Article.objects.count() == 0
