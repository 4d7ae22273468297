"""Shared building blocks for every app's admin: translation tabs, the missing-
translation marker, image previews, translated search fields, and the write hooks.

``ContentAdmin`` saves and deletes through the content services (finest.core.services,
or an app's own services where a subclass names them), its publish actions call the
publishing services, inline rows go through ``content_rows_save``, and the rows it
lists are the ones the model's permission policy lets the user change."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from .i18n import missing_translations
from .permissions import Actor, policy_for
from .revisions_admin import RevisionAdmin
from .services import (
    content_create,
    content_delete,
    content_relations_set,
    content_rows_save,
    content_update,
    publishable_publish,
    publishable_unpublish,
)


def translated_fields(*names: str) -> tuple[str, ...]:
    """``("title",)`` -> ``("title_fi", "title_sv", "title_en")``, for search_fields."""
    return tuple(f"{name}_{code}" for name in names for code in settings.LANGUAGE_CODES)


def _run_publishing(modeladmin, request, queryset, service, done_message) -> None:
    actor = Actor.from_user(request.user)
    done, failed = 0, []
    for obj in queryset:
        try:
            service(obj=obj, actor=actor)
        except ValidationError as error:
            failed.append((obj, "; ".join(error.messages)))
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)
    for obj, reason in failed:
        modeladmin.message_user(
            request,
            _("“%(object)s” was not changed: %(reason)s") % {"object": obj, "reason": reason},
            messages.ERROR,
        )


@admin.action(description=_("Publish selected items"), permissions=["change"])
def publish_selected(modeladmin, request, queryset):
    _run_publishing(
        modeladmin, request, queryset, publishable_publish,
        lambda count: ngettext("%(count)d item was published.", "%(count)d items were published.", count)
        % {"count": count},
    )


@admin.action(description=_("Unpublish selected items (return to draft)"), permissions=["change"])
def unpublish_selected(modeladmin, request, queryset):
    _run_publishing(
        modeladmin, request, queryset, publishable_unpublish,
        lambda count: ngettext("%(count)d item was unpublished.", "%(count)d items were unpublished.", count)
        % {"count": count},
    )


def _language_names() -> dict[str, str]:
    return {code: str(name) for code, name in settings.LANGUAGES}


def _field_label(model, field: str) -> str:
    try:
        return str(model._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field


def _field_labels(model, fields) -> str:
    """The fields' labels in the order the model declares them."""
    order = {field.name: index for index, field in enumerate(model._meta.get_fields())}
    return ", ".join(_field_label(model, f) for f in sorted(fields, key=lambda f: order.get(f, len(order))))


class TranslationStatusMixin:
    """A list column and a change-form note that name the languages and fields
    that still lack a translation (fields that have text in another language)."""

    @admin.display(description=_("Translations"))
    def translation_marker(self, obj):
        missing = missing_translations(obj)
        if not missing:
            return format_html('<span class="translations-complete" title="{}">✓</span>', _("All translated"))
        names = _language_names()
        summary = ", ".join(code.upper() for code in missing)
        detail = "; ".join(
            f"{names.get(code, code)}: {_field_labels(type(obj), fields)}"
            for code, fields in missing.items()
        )
        # Compact in the list; the hover text names the fields.
        return format_html(
            '<span class="translations-missing" title="{}: {}">⚠ {}</span>', _("Missing translations"), detail, summary
        )

    @admin.display(description=_("Missing translations"))
    def translation_status(self, obj):
        if obj is None or obj.pk is None:
            return _("Fill in the Finnish, Swedish and English tabs; the site falls back to another language where one is empty.")
        missing = missing_translations(obj)
        if not missing:
            return _("Every field that has text has it in all three languages.")
        names = _language_names()
        items = format_html_join(
            "",
            "<li><strong>{}</strong>: {}</li>",
            (
                (names.get(code, code), _field_labels(type(obj), fields))
                for code, fields in missing.items()
            ),
        )
        return format_html(
            '<div class="translations-missing">{}<ul>{}</ul></div>',
            _("These fields have text in another language but are empty in:"),
            items,
        )


class _ValidChoicesOnly:
    """Django's autocomplete widgets look up the submitted ids to redisplay them;
    an id that is not a number (``?partner=abc``) made that lookup raise a 500.
    Values the target field cannot convert are dropped before the lookup."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(getattr(remote, "field_name", None) or remote.model._meta.pk.name)
        valid = []
        for item in value:
            try:
                target.to_python(item)
            except ValidationError:
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_ValidChoicesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidChoicesOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For every ModelAdmin and inline: autocomplete fields that survive bad input."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def _form_relations(form) -> dict:
    """The many-to-many values a model form holds for its instance (field name -> objects)."""
    return {
        field.name: form.cleaned_data[field.name]
        for field in form.instance._meta.many_to_many
        if field.name in form.cleaned_data
    }


class InlineChangesTouchParentMixin:
    """The form's many-to-many fields are set through ``set_relations`` (by default
    ``content_relations_set``) and inline rows, with their own many-to-many fields, saved through
    ``save_rows`` (by default ``content_rows_save``); the change log marks the object partners
    sync them with as modified."""

    def save_rows(self, request, *, parent, saved, deleted, row_relations=()) -> None:
        content_rows_save(
            parent=parent, saved=saved, deleted=deleted, row_relations=row_relations, actor=Actor.from_user(request.user)
        )

    def save_related(self, request, form, formsets, change):
        self.save_form_relations(request, form)
        saved, deleted = [], []
        for formset in formsets:
            saved.extend(formset.save(commit=False))
            deleted.extend(formset.deleted_objects)
        # The rows' own relations (a session's speakers) go through the service too, not formset.save_m2m().
        row_relations = [
            (row_form.instance, relations)
            for formset in formsets
            for row_form in formset.saved_forms
            if (relations := _form_relations(row_form))
        ]
        self.save_rows(request, parent=form.instance, saved=saved, deleted=deleted, row_relations=row_relations)


class PolicyScopedAdminMixin:
    """The admin asks the model's permission policy which rows the user may change,
    and whether they may change or delete one of them."""

    def _policy_allows(self, request, action: str, obj) -> bool:
        return obj is None or policy_for(self.model).can(Actor.from_user(request.user), action, obj)

    def get_queryset(self, request):
        return policy_for(self.model).editable(Actor.from_user(request.user), super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._policy_allows(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._policy_allows(request, "delete", obj)


class ServiceWritesAdminMixin:
    """Saves, deletes and the form's many-to-many relations go through services with the signed-in user as the actor.
    A subclass names its app's services by overriding the three ``*_object`` methods."""

    def create_object(self, *, obj: models.Model, actor: Actor) -> None:
        content_create(obj=obj, actor=actor)

    def update_object(self, *, obj: models.Model, actor: Actor) -> None:
        content_update(obj=obj, actor=actor)

    def delete_object(self, *, obj: models.Model, actor: Actor) -> None:
        content_delete(obj=obj, actor=actor)

    def set_relations(self, request, *, obj, relations) -> None:
        content_relations_set(obj=obj, relations=relations, actor=Actor.from_user(request.user))

    def save_form_relations(self, request, form) -> None:
        """The form's own many-to-many fields, which belong to the object the service just saved."""
        if relations := _form_relations(form):
            self.set_relations(request, obj=form.instance, relations=relations)

    def save_related(self, request, form, formsets, change):
        self.save_form_relations(request, form)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_model(self, request, obj, form, change):
        actor = Actor.from_user(request.user)
        if change:
            self.update_object(obj=obj, actor=actor)
        else:
            self.create_object(obj=obj, actor=actor)

    def delete_model(self, request, obj):
        self.delete_object(obj=obj, actor=Actor.from_user(request.user))

    def delete_queryset(self, request, queryset):
        actor = Actor.from_user(request.user)
        with transaction.atomic():
            for obj in queryset:
                self.delete_object(obj=obj, actor=actor)


class KeepStoredDateTimesFormMixin:
    """The admin's date-time widget shows minutes, not seconds: a re-save submits 12:30 for a
    stored 12:30:47. A submitted value equal to the stored one at the widget's precision keeps
    the stored value, so saving an unchanged form changes no date (publish dates included)."""

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance is None or instance.pk is None:
            return cleaned
        for field in instance._meta.concrete_fields:
            if not isinstance(field, models.DateTimeField) or field.name not in self.fields:
                continue
            submitted, stored = cleaned.get(field.name), getattr(instance, field.attname, None)
            if submitted is None or stored is None or submitted.second or submitted.microsecond:
                continue
            if stored.replace(second=0, microsecond=0) == submitted:
                cleaned[field.name] = stored
        return cleaned


class ContentAdmin(
    SafeAutocompleteMixin, ServiceWritesAdminMixin, PolicyScopedAdminMixin, TranslationStatusMixin,
    RevisionAdmin, TabbedTranslationAdmin,
):
    """Base admin for translated content: fi/sv/en tabs, the translation note at the
    top of the change form, the marker column, writes through the services, rows
    scoped by the permission policy, and revisions to compare and roll back to."""

    leading_readonly_fields: tuple[str, ...] = ("translation_status",)
    save_on_top = True

    def get_readonly_fields(self, request, obj=None):
        return (*self.leading_readonly_fields, *super().get_readonly_fields(request, obj))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form_class, KeepStoredDateTimesFormMixin):
            return form_class
        return type(form_class.__name__, (KeepStoredDateTimesFormMixin, form_class), {"__module__": form_class.__module__})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.fieldsets:
            return fieldsets
        # modeltranslation lists read-only fields last; the translation note belongs
        # at the top and an image preview right after its image.
        fields = [f for f in fieldsets[0][1]["fields"] if f not in self.leading_readonly_fields]
        image_field = getattr(self, "image_field", None)
        if image_field and "image_preview" in fields and image_field in fields:
            fields.remove("image_preview")
            fields.insert(fields.index(image_field) + 1, "image_preview")
        return [(None, {"fields": [*self.leading_readonly_fields, *fields]})]


class PublishableContentAdmin(ContentAdmin):
    """Content with a draft/published state: publish actions and "view on site"."""

    actions = (publish_selected, unpublish_selected)
    view_on_site = True

    @admin.display(description=_("Public now"), boolean=True)
    def is_public_now(self, obj):
        return obj.is_public
