"""Core model rules the admin relies on: the publishing services and their change
log entries, the publish rule, coordinates and the missing-translation helper."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import AttendanceMode, Event
from finest.core.i18n import missing_translations
from finest.core.models import ChangeAction, ChangeLogEntry, PublishState
from finest.core.permissions import Actor
from finest.core.services import publishable_publish, publishable_unpublish
from news.models import Article
from tests.factories import ArticleFactory, CityFactory, EventFactory, ProjectFactory

pytestmark = pytest.mark.django_db

STAFF = Actor.system()


def _actions(obj) -> list[str]:
    return list(
        ChangeLogEntry.objects.filter(model_label=obj._meta.label_lower, object_id=obj.pk).values_list(
            "action", flat=True
        )
    )


def test_publish_sets_the_date_and_records_the_publication():
    article = ArticleFactory(state=PublishState.DRAFT, published_at=None)
    publishable_publish(obj=article, actor=STAFF)
    article.refresh_from_db()
    assert article.is_public
    assert article.published_at <= timezone.now()
    assert _actions(article)[-1] == ChangeAction.PUBLISHED
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_unpublish_records_a_tombstone_and_republish_brings_it_back():
    project = ProjectFactory()
    publishable_unpublish(obj=project, actor=STAFF)
    assert _actions(project)[-1] == ChangeAction.UNPUBLISHED
    assert ChangeLogEntry.objects.tombstones().filter(object_id=project.pk, public_id=project.public_id).exists()
    publishable_publish(obj=project, actor=STAFF)
    assert _actions(project)[-1] == ChangeAction.PUBLISHED


def test_unpublishing_a_draft_is_no_tombstone():
    article = ArticleFactory(state=PublishState.DRAFT, published_at=None)
    publishable_unpublish(obj=article, actor=STAFF)
    assert ChangeAction.UNPUBLISHED not in _actions(article)


def test_a_future_publish_date_is_kept():
    later = timezone.now() + timedelta(days=2)
    article = ArticleFactory(state=PublishState.DRAFT, published_at=later)
    publishable_publish(obj=article, actor=STAFF)
    article.refresh_from_db()
    assert article.published_at == later
    assert not article.is_public


def test_publishing_an_invalid_object_changes_nothing():
    event = EventFactory(state=PublishState.DRAFT, published_at=None)
    Event.objects.filter(pk=event.pk).update(attendance_mode=AttendanceMode.ONLINE, online_url="")
    event.refresh_from_db()
    with pytest.raises(ValidationError):
        publishable_publish(obj=event, actor=STAFF)
    event.refresh_from_db()
    assert event.state == PublishState.DRAFT


@pytest.mark.parametrize(("field", "value"), [("latitude", Decimal("91")), ("longitude", Decimal("-181"))])
def test_city_coordinates_are_bounded(field, value):
    city = CityFactory()
    setattr(city, field, value)
    with pytest.raises(ValidationError) as excinfo:
        city.full_clean()
    assert field in excinfo.value.message_dict


def test_missing_translations_lists_languages_and_fields():
    article = ArticleFactory(title_sv="", lead_sv="", body_sv="", body_en="")
    missing = missing_translations(article)
    assert set(missing["sv"]) == {"title", "lead", "body"}
    assert missing["en"] == ["body"]
    assert "fi" not in missing


def test_an_invalid_object_can_still_be_unpublished():
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(attendance_mode=AttendanceMode.ONLINE, online_url="")
    event.refresh_from_db()
    publishable_unpublish(obj=event, actor=STAFF)
    event.refresh_from_db()
    assert event.state == PublishState.DRAFT
    assert _actions(event)[-1] == ChangeAction.UNPUBLISHED
