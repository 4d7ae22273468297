"""The shared content services: they ask the policy, validate, set the publish date
(the one place that rule lives) and record the change log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from finest.core.models import ChangeAction, ChangeLogEntry, PublishState
from finest.core.permissions import Actor
from finest.core.services import (
    content_create,
    content_delete,
    content_rows_save,
    content_update,
    publishable_publish,
    publishable_unpublish,
)
from news.models import Article
from projects.models import Project, WorkPackage
from tests.factories import ArticleFactory, CityFactory, PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db

STAFF = Actor.system()


def _partner_actor() -> Actor:
    return Actor(organisation=PartnerFactory(), scopes=frozenset({"read", "write"}))


def test_saving_a_published_object_has_no_publish_rule_of_its_own():
    # The rule "published without a date becomes public now" is the services', not save()'s.
    article = ArticleFactory(state=PublishState.DRAFT, published_at=None)
    article.state = PublishState.PUBLISHED
    article.save()
    assert Article.objects.get(pk=article.pk).published_at is None


def test_create_published_without_a_date_makes_it_public_now():
    article = Article(title_fi="Uutinen", state=PublishState.PUBLISHED)
    content_create(obj=article, actor=STAFF)
    article.refresh_from_db()
    assert article.is_public
    assert article.published_at <= timezone.now()
    assert ChangeLogEntry.objects.filter(object_id=article.pk, action=ChangeAction.CREATED).exists()


def test_update_keeps_a_scheduled_date():
    later = timezone.now() + timedelta(days=3)
    article = ArticleFactory(state=PublishState.DRAFT, published_at=later)
    article.state = PublishState.PUBLISHED
    content_update(obj=article, actor=STAFF)
    article.refresh_from_db()
    assert article.published_at == later
    assert not article.is_public


def test_invalid_content_is_not_saved():
    city = CityFactory()
    city.latitude = 91
    with pytest.raises(ValidationError):
        content_update(obj=city, actor=STAFF)


def test_a_partner_cannot_change_or_delete_staff_content():
    article = ArticleFactory(title_en="Before")
    article.title_en = "After"
    partner = _partner_actor()
    with pytest.raises(PermissionDenied):
        content_update(obj=article, actor=partner)
    with pytest.raises(PermissionDenied):
        content_delete(obj=article, actor=partner)
    with pytest.raises(PermissionDenied):
        publishable_unpublish(obj=article, actor=partner)
    assert Article.objects.get(pk=article.pk).title_en == "Before"


def test_delete_leaves_a_tombstone():
    article = ArticleFactory()
    pk = article.pk
    content_delete(obj=article, actor=STAFF)
    assert not Article.objects.filter(pk=pk).exists()
    assert ChangeLogEntry.objects.tombstones().filter(object_id=pk, action=ChangeAction.DELETED).exists()


def test_publish_and_unpublish_need_the_publish_permission():
    article = ArticleFactory(state=PublishState.DRAFT, published_at=None)
    with pytest.raises(PermissionDenied):
        publishable_publish(obj=article, actor=Actor.anonymous())
    publishable_publish(obj=article, actor=STAFF)
    assert Article.objects.published().filter(pk=article.pk).exists()
    publishable_unpublish(obj=article, actor=STAFF)
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_rows_are_validated_and_mark_the_synced_object_modified():
    project = ProjectFactory()
    before = Project.objects.get(pk=project.pk).modified_at
    row = WorkPackage(project=project, code="WP1", title_fi="Työpaketti")
    assert content_rows_save(parent=project, saved=[row], deleted=[], actor=STAFF) is True
    assert Project.objects.get(pk=project.pk).modified_at > before

    bad = WorkPackage(project=project, code="WP2", title_fi="", budget=-1)
    with pytest.raises(ValidationError):
        content_rows_save(parent=project, saved=[bad], deleted=[row], actor=STAFF)
    assert list(project.work_packages.values_list("code", flat=True)) == ["WP1"]

    row = project.work_packages.get()
    assert content_rows_save(parent=project, saved=[], deleted=[row], actor=STAFF) is True
    assert not project.work_packages.exists()


def test_rows_of_an_object_the_actor_may_not_change_are_refused():
    project = ProjectFactory()
    row = WorkPackage(project=project, code="WP1", title_fi="Työpaketti")
    with pytest.raises(PermissionDenied):
        content_rows_save(parent=project, saved=[row], deleted=[], actor=_partner_actor())
    assert not project.work_packages.exists()
