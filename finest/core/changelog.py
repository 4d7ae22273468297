"""The change log: one record of what changed when, for every TimeStamped model.

Unpublications and deletions are tombstones. The API's ``modified_since`` sync,
ETags, the sitemap's lastmod, cache invalidation and the newsletter digest read it.
Recording is bookkeeping only, so it lives in signals; nothing here sends mail or
calls other systems."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from .models import ChangeAction, ChangeLogEntry, Publishable, TimeStamped


def _tracked(sender) -> bool:
    return isinstance(sender, type) and issubclass(sender, TimeStamped) and not sender._meta.abstract


def _remember_visibility(sender, instance, raw=False, **kwargs):
    if not _tracked(sender) or raw:
        return
    instance._changelog_was_public = None
    if isinstance(instance, Publishable) and instance.pk:
        previous = sender._default_manager.filter(pk=instance.pk).values("state", "published_at").first()
        if previous:
            was = sender(state=previous["state"], published_at=previous["published_at"])
            instance._changelog_was_public = was.is_public


def _record_save(sender, instance, created, raw=False, **kwargs):
    if not _tracked(sender) or raw:
        return
    action = ChangeAction.CREATED if created else ChangeAction.UPDATED
    if isinstance(instance, Publishable):
        was_public = getattr(instance, "_changelog_was_public", None)
        if was_public and not instance.is_public:
            action = ChangeAction.UNPUBLISHED
        elif was_public is False and instance.is_public:
            action = ChangeAction.PUBLISHED
    record(instance, action)


def _record_delete(sender, instance, **kwargs):
    if _tracked(sender):
        record(instance, ChangeAction.DELETED)


def record(instance, action: str) -> ChangeLogEntry:
    return ChangeLogEntry.objects.create(
        model_label=instance._meta.label_lower,
        object_id=instance.pk,
        public_id=getattr(instance, "public_id", None),
        action=action,
        at=timezone.now(),
    )


def touch(instance) -> None:
    """Mark a parent as modified when one of its inline children changed."""
    type(instance)._default_manager.filter(pk=instance.pk).update(modified_at=timezone.now())
    record(instance, ChangeAction.UPDATED)


def last_change(model) -> ChangeLogEntry | None:
    return ChangeLogEntry.objects.for_model(model).order_by("-at", "-pk").first()


def connect_signals() -> None:
    pre_save.connect(_remember_visibility, dispatch_uid="changelog_pre_save")
    post_save.connect(_record_save, dispatch_uid="changelog_post_save")
    post_delete.connect(_record_delete, dispatch_uid="changelog_post_delete")
