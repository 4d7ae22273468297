from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_base import ContentAdmin, translated_fields
from .models import ChangeLogEntry, City, FocusArea, SlugHistory

admin.site.site_header = _("FinEst Twins portal administration")
admin.site.site_title = _("FinEst Twins admin")
admin.site.index_title = _("Content")


@admin.register(FocusArea)
class FocusAreaAdmin(ContentAdmin):
    list_display = ("name", "order", "translation_marker")
    list_editable = ("order",)
    search_fields = translated_fields("name")
    view_on_site = True


@admin.register(City)
class CityAdmin(ContentAdmin):
    list_display = ("name", "kind", "country", "is_innovation_city", "is_twin_city", "ecosystem_agreement_start",
                    "ecosystem_agreement_end", "translation_marker")
    list_filter = ("country", "kind", "is_innovation_city", "is_twin_city")
    search_fields = translated_fields("name")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that only the system writes: staff may look, never change."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChangeLogEntry)
class ChangeLogEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "model_label", "object_id", "action", "public_id")
    list_filter = ("action", "model_label")
    search_fields = ("model_label",)
    date_hierarchy = "at"
    show_full_result_count = False


@admin.register(SlugHistory)
class SlugHistoryAdmin(ReadOnlyAdmin):
    list_display = ("slug", "language", "model_label", "object_id", "replaced_at")
    list_filter = ("language", "model_label")
    search_fields = ("slug",)
