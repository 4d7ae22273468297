"""The admin's revisions (django-reversion-compare): the history lists an object's revisions,
any two compare field by field ("Title [sv]"), and each has a roll-back page whose button calls
``content_revert``, so a rollback is validated, asks the permission policy, is in the change log
with its actor, and makes a new revision. reversion's own revert and recover views, which write
the stored rows raw, past the services, are not offered.

The admin makes no revisions of its own: each change form runs in one ``revision_scope`` that the
services' scopes join, and the change message becomes the revision's comment."""

from __future__ import annotations

from types import SimpleNamespace

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from .permissions import Actor
from .revisions import record, revision_scope
from .services import content_revert


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

    def revision_root(self, obj):
        """The object whose revision a save here belongs to (a row's admin names its parent)."""
        return obj

    def save_model(self, request, obj, form, change):
        # For admins that save without the content services (which record it themselves).
        super().save_model(request, obj, form, change)
        record(self.revision_root(obj))

    def history_view(self, request, object_id, extra_context=None):
        if not reversion.is_registered(self.model):
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        self._object_or_refuse(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self._object_or_refuse(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    change_list_template = None  # reversion's adds "Recover deleted", which is not offered

    def recoverlist_view(self, request, extra_context=None):
        raise Http404

    def recover_view(self, request, version_id, extra_context=None):
        raise Http404

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """GET: what rolling back to this revision means; POST: roll back through the services."""
        obj = self._object_or_refuse(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(obj).select_related("revision__user"), pk=version_id)
        opts = self.model._meta
        history_url = reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history", args=[quote(obj.pk)])
        if request.method == "POST":
            try:
                content_revert(obj=obj, version=version, actor=Actor.from_user(request.user))
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return redirect(history_url)
            self.message_user(request, _("Rolled back; the rollback is the newest revision."), messages.SUCCESS)
            return redirect(reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]))
        newest = Version.objects.get_for_object(obj).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "version": version,
            "history_url": history_url,
            "compare_url": f"{history_url}compare/?version_id1={version.pk}&version_id2={newest.pk}" if newest else "",
            "title": _("Roll back %(object)s") % {"object": obj},
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/revisions/rollback_confirm.html", context)

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
