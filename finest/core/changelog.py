"""The change log: what changed when, for the models registered for it.

Two kinds of model are registered, each app in its ``AppConfig.ready()``:
- **content** (``register``): the objects partners sync and caches read. Each save and
  delete is an entry; unpublications and deletions are the tombstones of the API sync.
- **parts** (``register_part``): rows that are shown inside a content object
  (participations, sessions, KPI values…). They have no entries of their own: saving
  or deleting one bumps the objects it belongs to (their ``modified_at`` and an
  ``updated`` entry). Content shown in other content is registered as a part of it
  too (a partner in a project's consortium, a project in an article), so its saves,
  unpublication and deletion bump those objects as well.
Many-to-many links bump the object whose field they are (and, for a symmetrical
relation, both sides).

The registry is keyed by ``app_label.model_name``, so the historical models of a data
migration, which are other classes, are recorded like the real ones; and the
signal handlers answer an unregistered model from the registry alone, without a query.
Recording is bookkeeping only, so it lives in signals; nothing here sends mail or
calls other systems.

The API sync, ETags and Last-Modified (``last_change``) and the sitemap's lastmod read it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from . import versions
from .models import ChangeAction, ChangeLogEntry, ChangeLogReader, City, FocusArea, Publishable, is_public_state
from .permissions import policy_for


@dataclass(frozen=True)
class Part:
    """A part belongs to the ``parent`` objects found by ``parent_lookup`` (a lookup from
    the parent to the part, e.g. ``participations`` or ``sessions__speakers``)."""

    parent: str
    parent_lookup: str


_content: dict[str, bool] = {}  # label -> publishable
_classes: dict[str, type[models.Model]] = {}  # label -> the registered (current) model
_parts: dict[str, tuple[Part, ...]] = {}


def _label(model) -> str:
    return model.lower() if isinstance(model, str) else model._meta.label_lower


def register(model: type[models.Model]) -> None:
    """Log every save and delete of ``model`` (a TimeStamped model)."""
    _content[_label(model)] = issubclass(model, Publishable)
    _classes[_label(model)] = model


def register_part(model: type[models.Model] | str, *, parent: str, parent_lookup: str) -> None:
    """Bump the ``parent`` objects (an ``app_label.ModelName``) that show ``model``. A
    content model may be a part too: a partner's save bumps the projects it is in."""
    part = Part(parent=parent.lower(), parent_lookup=parent_lookup)
    _parts[_label(model)] = (*_parts.get(_label(model), ()), part)


def is_registered(model) -> bool:
    return _label(model) in _content or _label(model) in _parts


def registered_content() -> frozenset[str]:
    return frozenset(_content)


def content_models() -> dict[str, type[models.Model]]:
    """The registered content models by label."""
    return dict(_classes)


def logged_as(model) -> tuple[str, ...]:
    """The labels whose entries record changes to ``model``: its own, or for a part
    the content it belongs to."""
    label = _label(model)
    if label in _content:
        return (label,)
    return tuple(dict.fromkeys(part.parent for part in _parts.get(label, ())))


# --- recording ---------------------------------------------------------------


def _in_state_of(model, label: str):
    """The class registered as ``label`` where ``model`` lives: in a data migration, the
    historical one of the same state (it is keyed by label, as this registry is)."""
    app_label, model_name = label.lower().split(".")
    return model._meta.apps.all_models[app_label].get(model_name)


def _entry_model(model) -> type[models.Model]:
    # A data migration's historical model writes through its own state's ChangeLogEntry.
    return _in_state_of(model, "core.changelogentry") or ChangeLogEntry


def current_txid(using: str = DEFAULT_DB_ALIAS):
    """The writing transaction's id, evaluated in the INSERT itself (so in the same
    transaction): on PostgreSQL ``pg_current_xact_id()``; 0 on SQLite, whose single
    writer commits entries in id order."""
    if connections[using].vendor == "postgresql":
        return RawSQL("pg_current_xact_id()::text::bigint", [], output_field=models.BigIntegerField())
    return 0


def record(instance, action: str, *, saved: bool = True, readers: set[int] | None = None):
    """An entry for ``instance``; ``saved`` False when it goes (its moments go with it).
    ``readers``, for a delete of an object not everyone could see: the organisations that
    could, the only ones (with staff) whose sync gets its tombstone."""
    versions.bumped(type(instance), saved=instance if saved else None)
    entry_model = _entry_model(type(instance))
    restricted = {"restricted": True} if readers is not None and _has_field(entry_model, "restricted") else {}
    entry = entry_model._default_manager.create(
        model_label=instance._meta.label_lower,
        object_id=instance.pk,
        public_id=getattr(instance, "public_id", None),
        action=action,
        at=timezone.now(),
        txid=current_txid(),
        **restricted,
    )
    if restricted and readers:
        reader_model = _in_state_of(type(instance), "core.changelogreader") or ChangeLogReader
        reader_model._default_manager.bulk_create(
            [reader_model(entry_id=entry.pk, organisation_id=organisation_id) for organisation_id in sorted(readers)]
        )
    return entry


def _has_field(model, name: str) -> bool:
    # The historical models of data migrations older than a field lack it.
    return any(field.name == name for field in model._meta.concrete_fields)


def _bump(model, pks: Iterable[int]) -> None:
    """Mark content objects modified; for parts, the content they belong to. A bumped
    content object bumps nothing further: the objects that show it show its summary,
    which a change to its parts or links leaves alone."""
    pks = sorted({pk for pk in pks if pk is not None})
    if not pks:
        return
    label = _label(model)
    if label in _content:
        now = timezone.now()
        versions.bumped(model, label)
        model._default_manager.filter(pk__in=pks).update(modified_at=now)
        _entry_model(model)._default_manager.bulk_create(
            [
                _entry_model(model)(model_label=label, object_id=pk, action=ChangeAction.UPDATED, at=now, txid=current_txid())
                for pk in pks
            ]
        )
    else:
        _bump_shown_in(model, pks)


def _bump_shown_in(model, pks: list[int]) -> None:
    """Bump the objects that ``model``'s rows are shown in (its registered parents)."""
    for part in _parts.get(_label(model), ()):
        parent = _in_state_of(model, part.parent)
        parent_pks = parent._default_manager.filter(**{f"{part.parent_lookup}__in": pks}).values_list("pk", flat=True)
        _bump(parent, [pk for pk in parent_pks if not (parent is model and pk in pks)])


def touch(instance) -> None:
    """Mark an object modified (a part: the objects it belongs to), so syncing partners see it."""
    _bump(type(instance), [instance.pk])


def last_change(*models_or_labels) -> datetime | None:
    """The time of the newest entry of these models: what Last-Modified and ETags read."""
    labels = [_label(model) for model in models_or_labels]
    return ChangeLogEntry.objects.filter(model_label__in=labels).order_by("-at").values_list("at", flat=True).first()


# --- signal handlers -----------------------------------------------------------


def _remember_visibility(sender, instance, raw=False, **kwargs):
    if raw or not _content.get(sender._meta.label_lower):
        return
    instance._changelog_was_public = None
    if instance.pk:
        fields = ["state", "published_at", *_unpublish_field(sender)]
        previous = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
        if previous:
            instance._changelog_was_public = is_public_state(
                previous["state"], previous["published_at"], previous.get("unpublish_at")
            )


def _unpublish_field(model) -> tuple[str, ...]:
    # The historical models of data migrations older than the unpublish date lack it.
    return ("unpublish_at",) if any(f.name == "unpublish_at" for f in model._meta.concrete_fields) else ()


def _record_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    label = sender._meta.label_lower
    if label in _content:
        record(instance, _save_action(instance, created, publishable=_content[label]))
    if label in _parts:
        _bump_shown_in(sender, [instance.pk])


def _save_action(instance, created: bool, *, publishable: bool) -> str:
    action = ChangeAction.CREATED if created else ChangeAction.UPDATED
    if publishable:
        was_public = getattr(instance, "_changelog_was_public", None)
        is_public = is_public_state(instance.state, instance.published_at, getattr(instance, "unpublish_at", None))
        if was_public and not is_public:
            action = ChangeAction.UNPUBLISHED
        elif was_public is False and is_public:
            action = ChangeAction.PUBLISHED
    return action


def _remember_readers(sender, instance, **kwargs):
    """Who could see ``instance`` before it goes: None for everybody, else the ids of the
    organisations that read it as a draft (its policy's ``draft_readers``), found while its
    relations still exist. Its delete entry is then restricted to them (and staff)."""
    label = sender._meta.label_lower
    if label not in _content:
        return
    if _content[label]:
        was_public = is_public_state(instance.state, instance.published_at, getattr(instance, "unpublish_at", None))
    else:
        public = policy_for(_classes[label]).public_q()
        was_public = public is None or sender._default_manager.filter(public, pk=instance.pk).exists()
    instance._changelog_readers = None if was_public else policy_for(_classes[label]).draft_readers(instance)


def _remember_parents(sender, instance, **kwargs):
    # After the delete the part's rows and links are gone; find its parents while they exist.
    _remember_readers(sender, instance)
    parts = _parts.get(sender._meta.label_lower)
    if not parts:
        return
    instance._changelog_parents = [
        (parent, list(parent._default_manager.filter(**{part.parent_lookup: instance.pk}).values_list("pk", flat=True)))
        for part in parts
        for parent in [_in_state_of(sender, part.parent)]
    ]


def _record_delete(sender, instance, origin=None, **kwargs):
    label = sender._meta.label_lower
    if label in _content:
        if not hasattr(instance, "_changelog_readers"):
            # Deleted without pre_delete (never by Django itself): the relations are gone, so a
            # draft's tombstone goes to staff only rather than to anyone who sees drafts.
            _remember_readers(sender, instance)
        readers = instance._changelog_readers
        if _content[label] and readers is None:
            # Marks the object as once public, so every reader gets its tombstone (finest/api/sync.py).
            record(instance, ChangeAction.UNPUBLISHED, saved=False)
        record(instance, ChangeAction.DELETED, saved=False, readers=readers)
    for parent, pks in getattr(instance, "_changelog_parents", ()):
        _bump(parent, _surviving(origin, parent, pks))


def _surviving(origin, parent, pks: list[int]) -> list[int]:
    """The parents that outlive this delete: when the row goes because its parent is
    deleted, the parent's tombstone says it all."""
    if isinstance(origin, models.Model) and _label(type(origin)) == _label(parent):
        return [pk for pk in pks if pk != origin.pk]
    if isinstance(origin, models.QuerySet) and _label(origin.model) == _label(parent):
        return []
    return pks


def _record_links(sender, instance, action, reverse, model, pk_set, **kwargs):
    owner = model if reverse else type(instance)
    if not is_registered(owner) or not action.startswith(("post_", "pre_clear")):
        return
    if action == "pre_clear":
        if reverse:
            instance._changelog_link_owners = _owners_linked_to(sender, owner, instance)
        return
    if action == "post_clear":
        pks = getattr(instance, "_changelog_link_owners", []) if reverse else [instance.pk]
    else:
        pks = set(pk_set or ()) if reverse else {instance.pk}
        if _label(model) == _label(type(instance)):
            # A link to the same model (related projects): both ends show it.
            pks |= {instance.pk, *(pk_set or ())}
    _bump(owner, pks)


def _owners_linked_to(through, owner, instance) -> list[int]:
    field = next(field for field in owner._meta.many_to_many if _label(field.remote_field.through) == _label(through))
    return list(owner._default_manager.filter(**{field.name: instance.pk}).values_list("pk", flat=True))


def connect_signals() -> None:
    pre_save.connect(_remember_visibility, dispatch_uid="changelog_pre_save")
    post_save.connect(_record_save, dispatch_uid="changelog_post_save")
    pre_delete.connect(_remember_parents, dispatch_uid="changelog_pre_delete")
    post_delete.connect(_record_delete, dispatch_uid="changelog_post_delete")
    m2m_changed.connect(_record_links, dispatch_uid="changelog_m2m_changed")


register(FocusArea)
register(City)
