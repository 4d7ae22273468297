from django.contrib import admin
from modeltranslation.admin import TranslationStackedInline

from finest.core.admin_base import (
    ContentAdmin,
    InlineChangesTouchParentMixin,
    PublishableContentAdmin,
    SafeAutocompleteMixin,
    translated_fields,
)
from medialibrary.admin import LibraryImageAdminMixin

from .models import Event, Session, Speaker
from .services import event_create, event_delete, event_update


class SessionInline(SafeAutocompleteMixin, TranslationStackedInline):
    model = Session
    extra = 0
    fields = ("title", "start", "end", "room", "description", "speakers")
    autocomplete_fields = ("speakers",)


@admin.register(Event)
class EventAdmin(InlineChangesTouchParentMixin, LibraryImageAdminMixin, PublishableContentAdmin):
    inlines = (SessionInline,)
    list_display = ("thumbnail", "title", "kind", "start", "end", "city", "status", "attendance_mode", "state",
                    "translation_marker")
    list_display_links = ("thumbnail", "title")
    list_filter = ("state", "kind", "status", "attendance_mode", "start")
    list_select_related = ("city",)
    search_fields = (*translated_fields("title", "venue_name"),)
    autocomplete_fields = ("city", "organisers", "related_projects", "focus_areas", "parent")
    readonly_fields = ("image_preview",)
    date_hierarchy = "start"

    # The form saves the organisers and other relations itself (save_related), so the
    # services get none: staff may leave any organisation out.
    def create_object(self, *, obj, actor):
        event_create(event=obj, actor=actor)

    def update_object(self, *, obj, actor):
        event_update(event=obj, actor=actor)

    def delete_object(self, *, obj, actor):
        event_delete(event=obj, actor=actor)


@admin.register(Speaker)
class SpeakerAdmin(LibraryImageAdminMixin, ContentAdmin):
    image_field = "photo"
    list_display = ("thumbnail", "name", "title", "organisation", "partner", "translation_marker")
    list_display_links = ("thumbnail", "name")
    list_select_related = ("partner",)
    search_fields = ("name", *translated_fields("title", "organisation"))
    autocomplete_fields = ("partner",)
    readonly_fields = ("image_preview",)
