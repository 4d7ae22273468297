"""The permission matrix, cell by cell: who may save a draft, submit, publish, approve, reject.
``may_publish`` is asked in the services, so every edge (admin, API, a crafted POST) is refused alike."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from finest.core.models import PublishState
from finest.core.permissions import Actor, may_publish
from finest.core.services import content_update, publishable_publish, publishable_unpublish
from tests.factories import ArticleFactory
from workflow.models import Draft, DraftState
from workflow.services import draft_publish, draft_reject, draft_save, draft_submit

pytestmark = pytest.mark.django_db

ROLES = ("editor", "publisher", "superuser")
MAY_PUBLISH = {"editor": False, "publisher": True, "superuser": True}


@pytest.fixture
def people(editor, publisher, superuser):
    return {"editor": editor, "publisher": publisher, "superuser": superuser}


def _draft(author, *, submit=False):
    article = ArticleFactory(title_en="Live")
    article.title_en = "Changed"
    return article, draft_save(obj=article, actor=Actor.from_user(author), submit=submit)


@pytest.mark.parametrize("role", ROLES)
def test_may_publish(people, role):
    assert may_publish(Actor.from_user(people[role])) is MAY_PUBLISH[role]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_saves_a_draft_and_the_live_row_is_untouched(people, role):
    article, draft = _draft(people[role])
    assert draft.state == DraftState.DRAFT
    article.refresh_from_db()
    assert article.title_en == "Live"


@pytest.mark.parametrize("role", ROLES)
def test_everyone_submits_their_draft(people, role):
    _article, draft = _draft(people[role])
    draft_submit(draft=draft, actor=Actor.from_user(people[role]))
    assert Draft.objects.get().state == DraftState.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
def test_approve(people, editor, role):
    article, draft = _draft(editor, submit=True)
    actor = Actor.from_user(people[role])
    if MAY_PUBLISH[role]:
        draft_publish(draft=draft, actor=actor)
        article.refresh_from_db()
        assert article.title_en == "Changed"
        assert not Draft.objects.exists()
    else:
        with pytest.raises(PermissionDenied):
            draft_publish(draft=draft, actor=actor)
        article.refresh_from_db()
        assert article.title_en == "Live"


@pytest.mark.parametrize("role", ROLES)
def test_reject(people, editor, role):
    _article, draft = _draft(editor, submit=True)
    actor = Actor.from_user(people[role])
    if MAY_PUBLISH[role]:
        draft_reject(draft=draft, actor=actor, comment="No")
        assert Draft.objects.get().state == DraftState.REJECTED
    else:
        with pytest.raises(PermissionDenied):
            draft_reject(draft=draft, actor=actor, comment="No")
        assert Draft.objects.get().state == DraftState.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
def test_publish_and_direct_changes_of_live_content(people, role):
    actor = Actor.from_user(people[role])
    draft_article = ArticleFactory(state=PublishState.DRAFT, published_at=None)
    live = ArticleFactory(title_en="Live")
    live.title_en = "Direct"
    if MAY_PUBLISH[role]:
        publishable_publish(obj=draft_article, actor=actor)
        content_update(obj=live, actor=actor)
        publishable_unpublish(obj=live, actor=actor)
    else:
        for call in (
            lambda: publishable_publish(obj=draft_article, actor=actor),
            lambda: content_update(obj=live, actor=actor),
            lambda: publishable_unpublish(obj=live, actor=actor),
        ):
            with pytest.raises(PermissionDenied):
                call()
        draft_article.refresh_from_db()
        live.refresh_from_db()
        assert draft_article.state == PublishState.DRAFT
        assert live.title_en == "Live" and live.state == PublishState.PUBLISHED


def test_editor_may_edit_an_unpublished_draft_directly_but_not_publish_it(editor):
    actor = Actor.from_user(editor)
    article = ArticleFactory(state=PublishState.DRAFT, published_at=None, title_en="Old")
    article.title_en = "New"
    content_update(obj=article, actor=actor)
    article.state = PublishState.PUBLISHED
    with pytest.raises(PermissionDenied):
        content_update(obj=article, actor=actor)


def test_editor_may_not_change_another_editors_draft(editor, django_user_model):
    other = django_user_model.objects.create_user("other", is_staff=True)
    other.groups.add(Group.objects.get(name="Content editors"))
    article, _existing = _draft(editor)
    article.title_en = "Mine"
    with pytest.raises(PermissionDenied):
        draft_save(obj=article, actor=Actor.from_user(other))


def test_editors_session_cannot_write_through_the_api(client, editor):
    client.force_login(editor)
    response = client.post("/api/v1/events/", {"title_fi": "x", "state": "published"}, content_type="application/json")
    assert response.status_code in (401, 403)
