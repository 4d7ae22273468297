"""The write path for content, shared by every app.

Creating, changing, deleting, publishing and unpublishing content go through these
functions, or through an app's own services built on them (``event_create``,
``project_update``, ``kpi_update``...). The admin calls them (``ContentAdmin``'s save
and delete hooks, its inline rows and its publish actions); the API's writes (events,
KPI reports) go through the events and living_lab services. The portal has no content
tasks today; one would call them with ``Actor.system()``. Each one:

- asks the model's permission policy whether ``actor`` may do it (PermissionDenied if not);
- runs in one transaction, and validates with ``full_clean()``;
- sets the publish date when content is published without one. This is the only place
  that rule lives: ``save()`` keeps no business rules.

Saving goes through the model, so the change log records every change, publications
and unpublications (tombstones) included. Each write also makes a revision of the content
(finest.core.revisions) with the actor as its user and a comment; the writes of one admin
form or one app service join into one revision. ``content_revert`` rolls back to one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from .models import Publishable, PublishState
from .permissions import Actor, policy_for
from .revisions import ADDED, CHANGED, PUBLISHED, UNPUBLISHED, restore, revision_scope


def publication_stamp(obj: models.Model) -> None:
    """Published content without a publish date becomes public now; a date already set
    (also a future one, which schedules it) is kept."""
    if isinstance(obj, Publishable) and obj.state == PublishState.PUBLISHED and obj.published_at is None:
        obj.published_at = timezone.now()


def _is_publishing(obj: models.Model) -> bool:
    """Does saving ``obj`` publish it (new and published, or a draft being published)?"""
    if not isinstance(obj, Publishable) or obj.state != PublishState.PUBLISHED:
        return False
    if obj.pk is None:
        return True
    stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("state", flat=True).first()
    return stored != PublishState.PUBLISHED


def _is_live(obj: models.Model) -> bool:
    """Is the stored ``obj`` published (public now or scheduled)? Changing it changes what is public."""
    if not isinstance(obj, Publishable) or obj.pk is None:
        return False
    return type(obj)._default_manager.filter(pk=obj.pk, state=PublishState.PUBLISHED).exists()


def _changes_live_content(obj: models.Model, actor: Actor) -> bool:
    """Does a person change what is public? Who may not publish saves such changes as a draft (the
    workflow app). A partner key's changes (KPI reports) are governed by its policy's actions."""
    return actor.user is not None and _is_live(obj)


def _validate_and_save(obj: models.Model, *, actor: Actor, action: str) -> models.Model:
    policy = policy_for(obj)
    policy.check(actor, action, obj)
    if _is_publishing(obj) or _changes_live_content(obj, actor):
        policy.check(actor, "publish", obj)
    publication_stamp(obj)
    obj.full_clean()
    with revision_scope(actor=actor, comment=ADDED if action == "add" else CHANGED) as revision:
        obj.save()
        revision.add(obj)
    return obj


@transaction.atomic
def content_create(*, obj: models.Model, actor: Actor) -> models.Model:
    """Save the new (unsaved) ``obj``, built by a form or a serializer."""
    return _validate_and_save(obj, actor=actor, action="add")


@transaction.atomic
def content_update(*, obj: models.Model, actor: Actor) -> models.Model:
    """Save the changes made to ``obj``."""
    return _validate_and_save(obj, actor=actor, action="change")


@transaction.atomic
def content_delete(*, obj: models.Model, actor: Actor) -> None:
    """Delete ``obj``; the change log keeps its tombstone."""
    policy_for(obj).check(actor, "delete", obj)
    obj.delete()


@transaction.atomic
def content_relations_set(
    *, obj: models.Model, relations: Mapping[str, Iterable[models.Model]], actor: Actor
) -> None:
    """Set ``obj``'s many-to-many relations (field name -> the related objects), each to exactly the
    objects given; the change log bumps whatever shows them."""
    policy_for(obj).check(actor, "change", obj)
    with revision_scope(actor=actor, comment=CHANGED) as revision:
        for name, values in relations.items():
            getattr(obj, name).set(list(values))
        revision.add(obj)


@transaction.atomic
def content_rows_save(
    *,
    parent: models.Model,
    saved: Sequence[models.Model],
    deleted: Sequence[models.Model],
    actor: Actor,
    row_relations: Sequence[tuple[models.Model, Mapping[str, Iterable[models.Model]]]] = (),
) -> bool:
    """Save and delete inline rows of ``parent`` (participations, sessions, KPIs...), then set
    the rows' own many-to-many relations (a session's speakers), each to exactly the objects given.

    The change log marks the object partners sync the rows with as modified: each row's
    model is registered as a part of it (see the apps' ``changelog.py``). Returns whether
    a row changed."""
    policy_for(parent).check(actor, "change", parent)
    with revision_scope(actor=actor, comment=CHANGED) as revision:
        for row in deleted:
            if row.pk is not None:
                row.delete()
        for row in saved:
            row.full_clean()
            row.save()
        for row, relations in row_relations:
            for name, values in relations.items():
                getattr(row, name).set(list(values))
        changed = bool(saved) or bool(deleted) or bool(row_relations)
        if changed:
            revision.add(parent)
    return changed


@transaction.atomic
def publishable_publish(*, obj: Publishable, actor: Actor) -> Publishable:
    """Publish ``obj``; a publish date already set (also a future one) is kept."""
    policy_for(obj).check(actor, "publish", obj)
    obj.state = PublishState.PUBLISHED
    publication_stamp(obj)
    obj.full_clean()
    with revision_scope(actor=actor, comment=PUBLISHED) as revision:
        obj.save()
        revision.add(obj)
    return obj


@transaction.atomic
def publishable_unpublish(*, obj: Publishable, actor: Actor) -> Publishable:
    """Return ``obj`` to draft; if it was public, the change log records a tombstone.

    No full_clean here: taking content down must never be blocked by an unrelated
    rule that the stored object happens to break."""
    policy_for(obj).check(actor, "publish", obj)
    obj.state = PublishState.DRAFT
    with revision_scope(actor=actor, comment=UNPUBLISHED) as revision:
        obj.save()
        revision.add(obj)
    return obj


@transaction.atomic
def content_revert(*, obj: models.Model, version: Version, actor: Actor) -> models.Model:
    """Roll ``obj`` back to the revision ``version`` (one of its own versions) belongs to: its fields in
    every language, its many-to-many relations and the rows that follow it (rows added since are
    deleted). Only who may change ``obj`` may; the result is validated like any change (a
    ValidationError undoes it all) and saved as a new revision. The publication state stays."""
    policy_for(obj).check(actor, "change", obj)
    if version.content_type.model_class() is not type(obj) or version.object_id != str(obj.pk):
        raise ValidationError(_("This revision belongs to another object."))
    comment = _("Rolled back to the revision of %(date)s.") % {
        "date": formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
    }
    with revision_scope(actor=actor, comment=comment):
        # The stored fields as they were (the publication state is not among them); the update
        # validates the result and records it.
        restored = restore(obj, version)
        return _validate_and_save(restored, actor=actor, action="change")
