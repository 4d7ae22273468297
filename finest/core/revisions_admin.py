"""The admin's revisions (django-reversion-compare): the history lists an object's revisions,
any two compare field by field ("Title [sv]"), and each has a roll-back page whose button calls
``content_revert``, so a rollback is validated, asks the permission policy, is in the change log
with its actor, and makes a new revision. reversion's own revert and recover views, which write
the stored rows raw, past the services, are not offered.

The admin makes no revisions of its own: each change form runs in one ``revision_scope`` that the
services' scopes join, and the change message becomes the revision's comment."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace

import reversion
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import get_content_type_for_model
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from .permissions import Actor
from .revisions import record, revision_scope
from .services import content_revert


def _fields_by_english_label(model) -> dict[str, object]:
    """Django's ``construct_change_message`` stores the form's labels in English ("Body [fi]",
    "Publish date"), which no catalogue can translate; this maps them back to the fields."""
    with translation.override(None):
        return {
            capfirst(str(field.verbose_name)): field
            for field in model._meta.get_fields()
            if getattr(field, "verbose_name", None) is not None
        }


def _related_model_named(model, english_name: str):
    with translation.override(None):
        return next(
            (rel.related_model for rel in model._meta.related_objects if str(rel.related_model._meta.verbose_name) == english_name),
            None,
        )


def change_message_in_language(change_message: str, model) -> str:
    """A log entry's change message with the changed fields named in the active language."""
    try:
        data = json.loads(change_message)
    except ValueError:
        data = None
    if not isinstance(data, list):
        return LogEntry(change_message=change_message).get_change_message()
    for sub in data:
        changed = sub.get("changed") if isinstance(sub, dict) else None
        if not isinstance(changed, dict) or not isinstance(changed.get("fields"), list):
            continue
        owner = _related_model_named(model, changed["name"]) if "name" in changed else model
        labels = _fields_by_english_label(owner) if owner is not None else {}
        changed["fields"] = [
            capfirst(str(labels[label].verbose_name)) if label in labels else label for label in changed["fields"]
        ]
    return LogEntry(change_message=json.dumps(data)).get_change_message()


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

    def log_change(self, request, obj, message):
        # The revision's comment, with the fields named in the saver's admin language.
        entry = super().log_change(request, obj, message)
        if entry is not None and reversion.is_active():
            reversion.set_comment(change_message_in_language(entry.change_message, type(obj)))
        return entry

    def history_view(self, request, object_id, extra_context=None):
        if not reversion.is_registered(self.model):
            response = admin.ModelAdmin.history_view(self, request, object_id, extra_context)
            for entry in getattr(response, "context_data", {}).get("action_list", ()) or ():
                # Read in the viewer's language, not the saver's.
                entry.get_change_message = (lambda e=entry: change_message_in_language(e.change_message, self.model))
            return response
        self._object_or_refuse(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def _get_action_list(self, request, object_id, extra_context=None):
        """The revisions, each comment re-told in the viewer's language from the admin's log entry
        of the same save (a revision made elsewhere, by a service or a task, keeps its comment)."""
        action_list = super()._get_action_list(request, object_id, extra_context=extra_context)
        entries = list(
            LogEntry.objects.filter(
                content_type=get_content_type_for_model(self.model), object_id=unquote(object_id), action_flag=CHANGE
            ).only("user_id", "action_time", "change_message")
        )
        for action in action_list:
            revision = action["revision"]
            # A revision's date is taken when its scope opens, the log entry's at the end of the save.
            match = min(
                (e for e in entries if e.user_id == revision.user_id
                 and abs(e.action_time - revision.date_created) <= timedelta(minutes=1)),
                key=lambda e: abs(e.action_time - revision.date_created),
                default=None,
            )
            if match is not None and match.change_message.startswith("["):
                revision.comment = change_message_in_language(match.change_message, self.model)
        return action_list

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
