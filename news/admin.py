from django.contrib import admin

from finest.core.admin_base import PublishableContentAdmin, translated_fields
from medialibrary.admin import LibraryImageAdminMixin

from .models import Article


@admin.register(Article)
class ArticleAdmin(LibraryImageAdminMixin, PublishableContentAdmin):
    list_display = ("thumbnail", "title", "kind", "published_at", "state", "is_public_now", "translation_marker")
    list_display_links = ("thumbnail", "title")
    list_filter = ("state", "kind", "focus_areas")
    search_fields = (*translated_fields("title", "lead"), "author")
    autocomplete_fields = ("focus_areas", "related_projects", "related_events", "related_pilots")
    readonly_fields = ("image_preview",)
    date_hierarchy = "published_at"
