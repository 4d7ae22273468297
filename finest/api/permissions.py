"""The API's one permission class. Views declare nothing but their queryset; what an
actor may read or change comes from the models' permission policies
(finest.core.permissions), which the viewset asks through ``visible()`` and ``may_write()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from .authentication import actor_for


class PortalPermission(permissions.BasePermission):
    """Reads: anyone (the queryset is already narrowed by the policy's ``visible``).
    Writes: a key with write scope, on objects the viewset's ``may_write`` allows.
    Deletes: staff keys only, because partners mirror deletions as tombstones and a
    partner's accidental delete could not be undone (no policy lets a partner delete)."""

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
        return view.may_write(actor_for(request), obj)
