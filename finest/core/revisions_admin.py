"""The admin's revisions (django-reversion-compare): the history lists an object's revisions,
any two compare field by field ("Title [sv]"), and one opens as a pre-filled change form whose
save rolls back to it through the model admin's save, that is through the content services
(validation, permission policy, change log, actor), making a new revision.

The admin makes no revisions of its own: each change form runs in one ``revision_scope`` that the
services' scopes join, and the change message becomes the revision's comment."""

from __future__ import annotations

from types import SimpleNamespace

import reversion
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.text import capfirst
from reversion_compare.admin import CompareVersionAdmin

from .permissions import Actor
from .revisions import record, revision_scope


class RevisionAdmin(CompareVersionAdmin):
    history_latest_first = True

    def reversion_register(self, model, **kwargs):
        """Models are registered by their app's revisions.py (finest.core.revisions.register), not
        guessed from the admin's inlines."""

    @property
    def object_history_template(self):
        return "reversion-compare/object_history.html" if reversion.is_registered(self.model) else None

    def create_revision(self, request):
        return revision_scope(actor=Actor.from_user(request.user))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record(obj)

    def history_view(self, request, object_id, extra_context=None):
        if not reversion.is_registered(self.model):
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        self._object_or_refuse(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self._object_or_refuse(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._object_or_refuse(request, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def _object_or_refuse(self, request, object_id):
        """The object, if the permission policy lets this user see it in the admin."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def compare(self, obj, version1, version2):
        diff, has_unfollowed_fields = super().compare(obj, version1, version2)
        for row in diff:
            # The label as the change form shows it: "Title [sv]" for a language's column.
            field = row["field"]
            label = getattr(field, "verbose_name", None) or getattr(field, "related_name", "")
            row["field"] = SimpleNamespace(verbose_name=capfirst(str(label)), help_text=getattr(field, "help_text", ""))
        return diff, has_unfollowed_fields
