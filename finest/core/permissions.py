"""The one policy for what a user or a partner API key may see and change.

The admin, the API and previews all ask these functions. The partner scope itself
lives in each model's QuerySet as ``for_partner(org)`` (what the organisation may
read, drafts included) and ``editable_by(org)`` (what it may change)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models


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


def can_preview_drafts(actor: Actor) -> bool:
    return actor.is_staff


def visible_queryset(actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
    """What ``actor`` may read: staff see everything, a partner also its own drafts."""
    if actor.is_staff:
        return queryset
    published = queryset.published() if hasattr(queryset, "published") else queryset
    if actor.organisation is not None and hasattr(queryset, "for_partner"):
        own = queryset.for_partner(actor.organisation)
        return queryset.filter(models.Q(pk__in=published.values("pk")) | models.Q(pk__in=own.values("pk")))
    return published


def editable_queryset(actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
    """What ``actor`` may change."""
    if actor.is_staff:
        return queryset
    if actor.organisation is None or not actor.can_write or not hasattr(queryset, "editable_by"):
        return queryset.none()
    return queryset.editable_by(actor.organisation)


def kpi_reportable_queryset(actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
    """Pilots whose KPI values ``actor`` may report."""
    if actor.is_staff:
        return queryset
    if actor.organisation is None or not actor.can_write:
        return queryset.none()
    return queryset.kpi_reportable_by(actor.organisation)


def can_view(actor: Actor, obj) -> bool:
    if getattr(obj, "is_public", True) or actor.is_staff:
        return True
    return visible_queryset(actor, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def can_edit(actor: Actor, obj) -> bool:
    if actor.is_staff:
        return True
    return editable_queryset(actor, type(obj)._default_manager.filter(pk=obj.pk)).exists()
