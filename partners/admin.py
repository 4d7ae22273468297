from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationTabularInline

from finest.core.admin_base import (
    InlineChangesTouchParentMixin,
    PublishableContentAdmin,
    SafeAutocompleteMixin,
    translated_fields,
)
from medialibrary.admin import LibraryImageAdminMixin

from .models import ContactPerson, Partner, PartnerAPIKey
from .services import api_key_create, api_key_revoke, api_key_rotate


class ContactPersonInline(TranslationTabularInline):
    model = ContactPerson
    extra = 0
    fields = ("name", "role", "email", "phone", "is_public", "order")


@admin.register(Partner)
class PartnerAdmin(InlineChangesTouchParentMixin, LibraryImageAdminMixin, PublishableContentAdmin):
    image_field = "logo"
    inlines = (ContactPersonInline,)
    list_display = ("thumbnail", "name", "short_name", "type", "country", "city", "state", "translation_marker")
    list_display_links = ("thumbnail", "name")
    list_filter = ("state", "type", "country")
    list_select_related = ("city",)
    search_fields = (*translated_fields("name"), "short_name", "pic", "ror_id", "business_id")
    autocomplete_fields = ("city",)
    readonly_fields = ("image_preview",)


class PartnerAPIKeyForm(forms.ModelForm):
    class Meta:
        model = PartnerAPIKey
        fields = ("organisation", "name", "scope", "is_staff_key", "expires_at")

    def clean(self):
        cleaned = super().clean()
        # On the change form, owner and kind are read-only and not in the form.
        if "organisation" not in self.fields:
            return cleaned
        if not cleaned.get("organisation") and not cleaned.get("is_staff_key"):
            self.add_error("organisation", _("Choose the organisation, or mark the key as a staff key."))
        return cleaned


@admin.action(description=_("Revoke selected keys"), permissions=["change"])
def revoke_keys(modeladmin, request, queryset):
    count = 0
    for key in queryset.filter(revoked_at__isnull=True):
        api_key_revoke(key=key)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d key was revoked.", "%(count)d keys were revoked.", count) % {"count": count},
        messages.SUCCESS,
    )


@admin.action(description=_("Rotate selected keys (the old ones expire soon)"), permissions=["change"])
def rotate_keys(modeladmin, request, queryset):
    for key in queryset.select_related("organisation"):
        try:
            new_key, raw = api_key_rotate(key=key)
        except ValidationError as error:
            modeladmin.message_user(request, f"{key}: {' '.join(error.messages)}", messages.ERROR)
            continue
        modeladmin.message_user(
            request,
            _("Copy the new API key now; it is stored only as a hash and will not be shown again: %(key)s")
            % {"key": raw},
            messages.SUCCESS,
        )


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    form = PartnerAPIKeyForm
    list_display = ("name", "organisation", "prefix", "scope", "is_staff_key", "is_active_now", "expires_at",
                    "last_used_at", "revoked_at")
    list_filter = ("scope", "is_staff_key", ("revoked_at", admin.EmptyFieldListFilter))
    list_select_related = ("organisation",)
    search_fields = ("name", "prefix", *translated_fields("organisation__name"))
    autocomplete_fields = ("organisation",)
    actions = (rotate_keys, revoke_keys)

    @admin.display(description=_("Active"), boolean=True)
    def is_active_now(self, obj):
        return obj.is_active

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # The secret cannot be shown again, and who a key belongs to never changes.
        return ("organisation", "is_staff_key", "prefix", "created_at", "last_used_at", "revoked_at")

    def save_form(self, request, form, change):
        if change:
            return super().save_form(request, form, change)
        data = form.cleaned_data
        key, raw = api_key_create(
            organisation=data.get("organisation"),
            name=data["name"],
            scope=data["scope"],
            is_staff_key=data.get("is_staff_key", False),
            expires_at=data.get("expires_at"),
        )
        key._plain_key = raw
        return key

    def save_model(self, request, obj, form, change):
        # New keys were created by the service in save_form.
        if change:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # A key has no related rows, and a new one was not saved through the form.
        if change:
            super().save_related(request, form, formsets, change)

    def response_add(self, request, obj, post_url_continue=None):
        raw = getattr(obj, "_plain_key", None)
        if raw:
            messages.success(
                request,
                _("Copy the new API key now; it is stored only as a hash and will not be shown again: %(key)s")
                % {"key": raw},
            )
        return super().response_add(request, obj, post_url_continue)
