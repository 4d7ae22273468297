"""The API's one permission class. Views declare nothing but their queryset; what an
actor may read or change comes from finest.core.permissions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from finest.core.permissions import Actor, can_edit, kpi_reportable_queryset

from .authentication import actor_for


class PortalPermission(permissions.BasePermission):
    """Reads: anyone (the queryset is already narrowed by ``visible_queryset``).
    Writes: a key with write scope, on objects ``editable_queryset`` allows.
    Deletes: staff keys only, because partners mirror deletions as tombstones and a
    partner's accidental delete could not be undone."""

    message = _("Your API key does not allow this.")

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        actor = actor_for(request)
        if request.method == "DELETE":
            return actor.is_staff
        return actor.can_write and (actor.is_staff or actor.organisation is not None)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        actor = actor_for(request)
        # A view whose writes are not edits of the object itself (a KPI report on a
        # pilot) names the scope that allows them.
        write_scope = getattr(view, "write_scope", None)
        if write_scope is not None:
            return write_scope(actor, type(obj)._default_manager.filter(pk=obj.pk)).exists()
        return can_edit(actor, obj)


def kpi_reportable_pilots(actor: Actor, queryset):
    """The KPI-report scope, from the one policy in finest.core.permissions."""
    return kpi_reportable_queryset(actor, queryset)

