"""Revisions of content (django-reversion): who changed what when, field by field and per
language, with rollback.

- ``register(Model, follow=(...))``: one line per content model, in its app's ``ready()``. The
  rows named in ``follow`` (participations, sessions, KPI values...) are registered with it and
  saved in the same revision, so a rollback restores them too.
- ``revision_scope(actor=..., comment=...)``: the services open one around each write; the scopes
  of one request (the admin's change form: the object, its relations, its inline rows) join into
  one revision, saved when the outermost scope ends, with the final state of every object added
  to it (``add``). Nothing in the admin or in signals makes revisions of its own.
- The publication state and the timestamps are not part of a revision: rolling back restores
  the content, publishing stays a separate action with its own permission.
- Each object keeps its last ``REVISIONS_KEEP`` revisions; older ones go when a new one is saved.

Translated fields are stored per language (``title_fi``, ``title_sv``...), whose labels name the
language ("title [sv]"); the untranslated base columns are left out, as they only mirror one
language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.manager import get_translatable_fields_for_model
from reversion.errors import RevertError
from reversion.models import Revision, Version

from .models import City, FocusArea
from .permissions import Actor

# The comments of the services' revisions (the admin's change message replaces them).
ADDED = gettext_lazy("Added.")
CHANGED = gettext_lazy("Changed.")
PUBLISHED = gettext_lazy("Published.")
UNPUBLISHED = gettext_lazy("Unpublished.")

# Never part of a revision: bookkeeping, and the publication state (see the module docstring).
UNVERSIONED_FIELDS = ("created_at", "modified_at", "state", "published_at", "unpublish_at")


@dataclass
class _Scope:
    roots: dict[tuple[type, object], models.Model] = field(default_factory=dict)

    def add(self, obj: models.Model) -> None:
        """Snapshot ``obj`` (and the rows it follows) in this revision when the scope ends."""
        if obj.pk is not None and reversion.is_registered(type(obj)):
            self.roots[(type(obj), obj.pk)] = obj


_roots: set[type[models.Model]] = set()
_follows: dict[type[models.Model], tuple[str, ...]] = {}
_current: ContextVar[_Scope | None] = ContextVar("finest-revision-scope", default=None)


def _fields_of(model: type[models.Model], exclude: Iterable[str]) -> list[str]:
    translated = set(get_translatable_fields_for_model(model) or ())
    skip = set(exclude) | set(UNVERSIONED_FIELDS) | translated
    return [f.name for f in model._meta.concrete_fields if f.name not in skip] + [
        f.name for f in model._meta.many_to_many if f.name not in skip
    ]


def register(model: type[models.Model], *, follow: Iterable[str] = (), exclude: Iterable[str] = ()) -> None:
    """Keep revisions of ``model``, with the rows it shows (``follow``: reverse relation names, e.g.
    ``("participations", "work_packages")``) saved alongside. Call once, in the app's ``ready()``."""
    follow = tuple(follow)
    for name in follow:
        related = model._meta.get_field(name).related_model
        if not reversion.is_registered(related):
            reversion.register(related, fields=_fields_of(related, ()))
            _follows.setdefault(related, ())
    if reversion.is_registered(model):
        reversion.unregister(model)
    reversion.register(model, fields=_fields_of(model, exclude), follow=follow)
    _roots.add(model)
    _follows[model] = follow


def describe_actor(actor: Actor | None) -> str:
    """Who made the change, for the comment, when it was not a signed-in person (an API key, a task)."""
    if actor is None or actor.user is not None:
        return ""
    if actor.organisation is not None:
        return _("through the API key of %(organisation)s") % {"organisation": actor.organisation}
    return _("by the portal (a task or a command)")


def _comment(comment: str, actor: Actor | None) -> str:
    who = describe_actor(actor)
    return f"{comment} ({who})" if who and comment else comment or who


@contextmanager
def revision_scope(*, actor: Actor | None = None, comment: str = "") -> Iterator[_Scope]:
    """One revision for the writes inside; nested scopes join the outermost. The first comment
    and user given are kept (the admin sets its change message, which names the changed fields)."""
    scope = _current.get()
    if scope is not None:
        _annotate(actor, comment)
        yield scope
        return
    scope = _Scope()
    token = _current.set(scope)
    try:
        with reversion.create_revision(manage_manually=True):
            _annotate(actor, comment)
            yield scope
            for obj in scope.roots.values():
                reversion.add_to_revision(obj)
    finally:
        _current.reset(token)
    for model, pk in scope.roots:
        trim(model, pk)


def _annotate(actor: Actor | None, comment: str) -> None:
    user = getattr(actor, "user", None)
    if user is not None and getattr(user, "pk", None) and reversion.get_user() is None:
        reversion.set_user(user)
    if comment and not reversion.get_comment():
        reversion.set_comment(_comment(str(comment), actor))


def set_comment(comment: str) -> None:
    """Replace the comment of the revision being made (the admin's change message)."""
    if reversion.is_active():
        reversion.set_comment(comment)


def record(obj: models.Model) -> None:
    """Add ``obj`` to the revision of the current scope (a no-op outside one)."""
    scope = _current.get()
    if scope is not None:
        scope.add(obj)


def _followed(obj: models.Model) -> Iterator[models.Model]:
    """The rows ``obj`` follows, recursively (a pilot's KPIs and their values)."""
    for name in _follows.get(type(obj), ()):
        for row in getattr(obj, name).all():
            yield row
            yield from _followed(row)


def _key(obj_or_version) -> tuple[type, str]:
    if isinstance(obj_or_version, Version):
        return obj_or_version._model, obj_or_version.object_id
    return type(obj_or_version), str(obj_or_version.pk)


def _restore_version(version: Version) -> models.Model:
    model = version._model
    obj = model._default_manager.filter(pk=version.object_id).first() or model(pk=version.object_id)
    many = {}
    for attname, value in version.field_dict.items():
        field = model._meta.get_field(attname)
        if field.many_to_many:
            many[attname] = value
        else:
            setattr(obj, attname, value)
    # A normal save, not reversion's raw one: the fields a revision leaves out (timestamps, the
    # publication state) keep their values or get their defaults, and the change log sees it.
    obj.save()
    for name, pks in many.items():
        getattr(obj, name).set(pks)
    return obj


def restore(obj: models.Model, version: Version) -> models.Model:
    """Write back what ``version``'s revision stored of ``obj`` and the rows it follows; rows added
    since are deleted. The caller (``finest.core.services.content_revert``) checks permission and
    validates the result."""
    versions = list(version.revision.version_set.all())
    stored = {_key(v) for v in versions}
    for row in reversed(list(_followed(obj))):
        if _key(row) not in stored:
            row.delete()
    root_key = _key(obj)
    ordered = sorted(versions, key=lambda v: _key(v) != root_key)  # the object before its rows
    try:
        for each in ordered:
            _restore_version(each)
    except (RevertError, ValueError, LookupError) as error:
        raise ValidationError(_("This revision can no longer be restored: %(error)s") % {"error": error}) from error
    return type(obj)._default_manager.get(pk=obj.pk)


def versions_of(obj: models.Model):
    return Version.objects.get_for_object(obj).select_related("revision", "revision__user")


def trim(model: type[models.Model], pk, keep: int | None = None) -> int:
    """Delete the revisions of one object beyond the newest ``keep`` (REVISIONS_KEEP)."""
    keep = settings.REVISIONS_KEEP if keep is None else keep
    old = list(Version.objects.get_for_object_reference(model, pk).order_by("-pk").values_list("revision_id", flat=True)[keep:])
    if not old:
        return 0
    return Revision.objects.filter(pk__in=old).delete()[1].get("reversion.Revision", 0)


def trim_all(keep: int | None = None) -> int:
    """Trim every object that has more than ``keep`` revisions (the periodic clean-up)."""
    keep = settings.REVISIONS_KEEP if keep is None else keep
    crowded = (
        Version.objects.filter(content_type__in=ContentType.objects.get_for_models(*_roots).values())
        .values("content_type_id", "object_id")
        .annotate(count=models.Count("pk"))
        .filter(count__gt=keep)
    )
    deleted = 0
    for row in crowded:
        versions = Version.objects.filter(content_type_id=row["content_type_id"], object_id=row["object_id"])
        old = list(versions.order_by("-pk").values_list("revision_id", flat=True)[keep:])
        deleted += Revision.objects.filter(pk__in=old).delete()[1].get("reversion.Revision", 0)
    return deleted


# The kernel's own editable content; each app registers its models in its own revisions.py.
register(FocusArea)
register(City)
