from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline
from tree_queries.admin import TreeChangeList

from finest.core.admin_base import (
    InlineChangesTouchParentMixin,
    PublishableContentAdmin,
    SafeAutocompleteMixin,
    translated_fields,
)
from finest.core.permissions import Actor

from . import services
from .models import FeaturedItem, HomePage, KeyFigure, Page


@admin.register(Page)
class PageAdmin(PublishableContentAdmin):
    """The tree in depth-first order, each title indented by its depth, with the sibling
    position editable in the list."""

    list_display = ("indented_title", "position", "show_in_menu", "show_in_footer", "state", "is_public_now", "translation_marker")
    list_display_links = ("indented_title",)
    list_editable = ("position",)
    list_filter = ("state", "show_in_menu", "show_in_footer")
    search_fields = translated_fields("title", "menu_title")
    # A site page's slug is its fixed address: changing it would only break links.
    readonly_fields = ("route",)

    def get_changelist(self, request, **kwargs):
        return TreeChangeList

    def get_queryset(self, request):
        return super().get_queryset(request).with_tree_fields()

    @admin.display(description=_("title"))
    def indented_title(self, obj):
        # Plain text indentation: no inline styles under the CSP.
        return f"{'— ' * getattr(obj, 'tree_depth', 0)}{obj}"

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.route:
            fields = (*fields, *translated_fields("slug"))
        return fields

    def create_object(self, *, obj, actor: Actor) -> None:
        services.page_create(page=obj, actor=actor)

    def update_object(self, *, obj, actor: Actor) -> None:
        services.page_update(page=obj, actor=actor)

    def delete_object(self, *, obj, actor: Actor) -> None:
        services.page_delete(page=obj, actor=actor)


class KeyFigureInline(TranslationStackedInline):
    model = KeyFigure
    extra = 0
    fields = ("position", ("prefix", "value", "unit"), "text_value", "label", ("source", "source_url"))


class FeaturedItemInline(SafeAutocompleteMixin, TranslationStackedInline):
    model = FeaturedItem
    extra = 0
    fields = ("position", "project", "event", "article", "pilot", "page", "url", "title")
    autocomplete_fields = ("project", "event", "article", "pilot", "page")


@admin.register(HomePage)
class HomePageAdmin(InlineChangesTouchParentMixin, PublishableContentAdmin):
    """The one home page (no second one, no delete); its key figures and featured items are rows of it."""

    inlines = (KeyFigureInline, FeaturedItemInline)
    list_display = ("__str__", "title", "state", "is_public_now", "translation_marker")
    actions = None

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not HomePage.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def update_object(self, *, obj, actor: Actor) -> None:
        services.home_page_update(home_page=obj, actor=actor)

    def save_rows(self, request, *, parent, saved, deleted, row_relations=()) -> None:
        services.home_page_rows_save(home_page=parent, saved=saved, deleted=deleted, actor=Actor.from_user(request.user))
