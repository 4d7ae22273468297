"""Who may see and change what: the actor, the per-model policies and their registry.

Every model has one policy (a ``ModelPolicy``), which each app registers for its own
models in its ``AppConfig.ready()``. The admin, the API, the public pages (previews
of drafts included) and the services ask ``policy_for(model)``, never the actor
directly, in the way of wagtail's permission policies:

- ``visible(actor, queryset)``: the rows ``actor`` may read;
- ``editable(actor, queryset)``: the rows ``actor`` may change;
- ``can(actor, action, obj=None)``: may ``actor`` do ``action`` (one of ``ACTIONS``),
  on ``obj`` or, without one, on some row of the model.

A partner organisation's scope is a ``Q`` (``own_q``, ``editable_q``), so it composes
with ``published_q()`` in one filter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db import models

from .models import City, FocusArea, Publishable, published_q

Action = Literal["view", "add", "change", "delete", "publish"]
ACTIONS: tuple[str, ...] = ("view", "add", "change", "delete", "publish")

# Matches no row; ``Q()`` would match every row, and ``Q() | other`` is just ``other``.
NOTHING = models.Q(pk__in=[])


@dataclass(frozen=True)
class Actor:
    """Who is asking: a signed-in user, a partner organisation's API key, or nobody."""

    user: object | None = None
    organisation: object | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    is_staff: bool = False

    @property
    def can_write(self) -> bool:
        return self.is_staff or "write" in self.scopes

    @classmethod
    def anonymous(cls) -> Actor:
        return cls()

    @classmethod
    def from_user(cls, user) -> Actor:
        is_staff = bool(user and user.is_authenticated and user.is_active and user.is_staff)
        return cls(user=user, is_staff=is_staff, scopes=frozenset({"read", "write"}) if is_staff else frozenset())

    @classmethod
    def system(cls) -> Actor:
        """The portal itself (a task, a management command): staff rights, no person."""
        return cls(is_staff=True, scopes=frozenset({"read", "write"}))


def sees_own_drafts(actor: Actor) -> bool:
    """A partner key reads its organisation's drafts only with write scope (a read key is for
    mirroring what is public), as the API's description says."""
    return actor.is_staff or (actor.organisation is not None and actor.can_write)


# The permission the "Publishers" group holds (the workflow app defines it on its Draft model);
# a string, so core names it without importing the app.
PUBLISH_PERMISSION = "workflow.publish_content"


def may_publish(actor: Actor) -> bool:
    """May ``actor`` make content public or change what is public? A signed-in user needs to be
    a superuser or to hold ``PUBLISH_PERMISSION`` (the "Publishers" group); "Content editors"
    save drafts and submit them for review. The portal itself and partner keys are left to the
    model's policy (``partner_actions``)."""
    user = actor.user
    if user is None:
        return actor.is_staff or actor.can_write
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm(PUBLISH_PERMISSION)


class ModelPolicy:
    """Reading is open to everyone; only staff change, add, delete or publish.

    Subclasses narrow reading with ``public_q`` and ``own_q`` and open writing to
    partner organisations with ``editable_q`` and ``partner_actions``."""

    # Actions a partner organisation's write key may take on the rows ``editable_q`` allows.
    partner_actions: frozenset[str] = frozenset()

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model

    # --- the conditions, as Q objects -----------------------------------------
    def public_q(self, prefix: str = "") -> models.Q | None:
        """What everyone may read; None: every row."""
        return None

    def own_q(self, organisation, prefix: str = "") -> models.Q:
        """What ``organisation`` may read beyond the public rows (its drafts)."""
        return NOTHING

    def editable_q(self, organisation, prefix: str = "") -> models.Q:
        """What ``organisation`` may change with a write key."""
        return NOTHING

    def draft_readers(self, obj: models.Model) -> set[int]:
        """The ids of the organisations whose ``own_q`` holds ``obj`` (its inverse, for one
        object): who reads it as a draft. The change log records them when a draft is deleted,
        so only they get its tombstone. Reads ``obj``'s relations by name, so a data
        migration's historical instance answers too."""
        return set()

    def visible_q(self, actor: Actor, prefix: str = "") -> models.Q | None:
        """The read condition for ``actor``; None: every row."""
        if actor.is_staff:
            return None
        public = self.public_q(prefix)
        if public is None:
            return None
        if sees_own_drafts(actor):
            return public | self.own_q(actor.organisation, prefix)
        return public

    # --- the questions the edges ask ------------------------------------------
    def visible(self, actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
        condition = self.visible_q(actor)
        return queryset if condition is None else queryset.filter(condition)

    def editable(self, actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
        if actor.is_staff:
            return queryset
        if actor.organisation is None or not actor.can_write:
            return queryset.none()
        return queryset.filter(self.editable_q(actor.organisation))

    def can(self, actor: Actor, action: str, obj: models.Model | None = None) -> bool:
        if action not in ACTIONS:
            raise ValueError(f"Unknown action {action!r}; use one of {', '.join(ACTIONS)}.")
        if actor.is_staff:
            return action != "publish" or may_publish(actor)
        if action == "view":
            return obj is None or self._matches(self.visible(actor, self._all()), obj)
        if action not in self.partner_actions or actor.organisation is None or not actor.can_write:
            return False
        if obj is None or obj.pk is None:
            return True
        return self._matches(self.editable(actor, self._all()), obj)

    def shown_in_relations(self, actor: Actor, obj: models.Model) -> bool:
        """May ``obj`` appear inside another object's representation (a project's
        consortium, an event's organisers)? Every row of a model without a publish state."""
        return True

    def check(self, actor: Actor, action: str, obj: models.Model | None = None) -> None:
        """Raise PermissionDenied unless ``can`` allows it: the services' guard."""
        if not self.can(actor, action, obj):
            raise PermissionDenied(f"{action} {self.model._meta.label} is not allowed.")

    def _all(self) -> models.QuerySet:
        return self.model._default_manager.all()

    @staticmethod
    def _matches(queryset: models.QuerySet, obj: models.Model) -> bool:
        return obj.pk is not None and queryset.filter(pk=obj.pk).exists()


class PublishablePolicy(ModelPolicy):
    """Everyone reads what is published now; staff read and change everything."""

    def public_q(self, prefix: str = "") -> models.Q:
        return published_q(prefix)

    def shown_in_relations(self, actor: Actor, obj: models.Model) -> bool:
        """Only public rows, or any for staff: a partner's own drafts stay out of other
        objects' representations, which everyone reads."""
        return actor.is_staff or obj.is_public

    def can(self, actor: Actor, action: str, obj: models.Model | None = None) -> bool:
        # Public rows need no query.
        if action == "view" and obj is not None and getattr(obj, "is_public", False):
            return True
        return super().can(actor, action, obj)


_registry: dict[type[models.Model], ModelPolicy] = {}
_registered: set[type[models.Model]] = set()


def register(model: type[models.Model], policy_class: type[ModelPolicy]) -> ModelPolicy:
    """Give ``model`` its policy. Each app registers its models in the ``permissions``
    module that its ``AppConfig.ready()`` imports."""
    if model in _registered and type(_registry[model]) is not policy_class:
        raise ValueError(f"{model._meta.label} already has the policy {type(_registry[model]).__name__}.")
    _registered.add(model)
    policy = _registry[model] = policy_class(model)
    return policy


def policy_for(model_or_instance) -> ModelPolicy:
    """The policy of a model (or of an instance's model). A model no app registered
    gets the default: staff-only writes, and public reads of what is published."""
    model = model_or_instance if isinstance(model_or_instance, type) else type(model_or_instance)
    model = model._meta.concrete_model
    policy = _registry.get(model)
    if policy is None:
        policy = _registry[model] = (PublishablePolicy if issubclass(model, Publishable) else ModelPolicy)(model)
    return policy


register(City, ModelPolicy)
register(FocusArea, ModelPolicy)
