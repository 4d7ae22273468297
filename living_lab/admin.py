from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from finest.core.admin_base import (
    ContentAdmin,
    InlineChangesTouchParentMixin,
    PublishableContentAdmin,
    SafeAutocompleteMixin,
    translated_fields,
)
from finest.core.permissions import Actor
from medialibrary.admin import LibraryImageAdminMixin

from .models import KPI, KPIValue, OpenCall, OpenCallState, Pilot
from .services import kpi_create, kpi_update, kpi_values_save


class CallStateFilter(admin.SimpleListFilter):
    title = _("call state")
    parameter_name = "call_state"

    def lookups(self, request, model_admin):
        return OpenCallState.choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        return queryset.with_state(value)


@admin.register(OpenCall)
class OpenCallAdmin(PublishableContentAdmin):
    list_display = ("title", "opens_at", "deadline", "call_state_label", "host", "max_grant", "state",
                    "translation_marker")
    list_filter = ("state", CallStateFilter, "focus_areas")
    list_select_related = ("host",)
    search_fields = translated_fields("title", "summary")
    autocomplete_fields = ("host", "project", "focus_areas", "cities")
    date_hierarchy = "deadline"

    @admin.display(description=_("call state"))
    def call_state_label(self, obj):
        return obj.get_call_state_display()


class KPIInline(TranslationTabularInline):
    model = KPI
    extra = 0
    fields = ("name", "unit", "higher_is_better", "order")
    show_change_link = True


class CrossBorderFilter(admin.SimpleListFilter):
    title = _("cross-border")
    parameter_name = "cross_border"

    def lookups(self, request, model_admin):
        return (("yes", _("Finland and Estonia")),)

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.cross_border()
        return queryset


@admin.register(Pilot)
class PilotAdmin(InlineChangesTouchParentMixin, LibraryImageAdminMixin, PublishableContentAdmin):
    inlines = (KPIInline,)
    list_display = ("thumbnail", "title", "phase", "host", "focus_area", "start_date", "end_date", "state",
                    "translation_marker")
    list_display_links = ("thumbnail", "title")
    list_filter = ("state", "phase", CrossBorderFilter, "focus_area")
    list_select_related = ("host", "focus_area")
    search_fields = translated_fields("title", "summary")
    autocomplete_fields = ("host", "participants", "cities", "focus_area", "project", "open_call")
    readonly_fields = ("image_preview",)


class KPIValueInline(SafeAutocompleteMixin, admin.TabularInline):
    model = KPIValue
    extra = 0
    fields = ("city", "baseline", "target", "achieved", "measured_at", "reported_by")
    autocomplete_fields = ("city", "reported_by")


@admin.register(KPI)
class KPIAdmin(InlineChangesTouchParentMixin, ContentAdmin):
    """KPI values per city are edited here; Django's admin cannot nest them inside the pilot."""

    inlines = (KPIValueInline,)
    list_display = ("name", "unit", "pilot", "translation_marker")
    list_select_related = ("pilot",)
    list_filter = ("pilot__phase",)
    search_fields = (*translated_fields("name"), *translated_fields("pilot__title"))
    autocomplete_fields = ("pilot",)

    # A KPI and its values are part of the pilot as partners sync it; the services mark it modified.
    def create_object(self, *, obj, actor):
        kpi_create(kpi=obj, actor=actor)

    def update_object(self, *, obj, actor):
        kpi_update(kpi=obj, actor=actor)

    def save_rows(self, request, *, parent, saved, deleted, row_relations=()):
        kpi_values_save(kpi=parent, saved=saved, deleted=deleted, row_relations=row_relations, actor=Actor.from_user(request.user))
