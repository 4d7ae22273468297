from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from finest.core.admin_base import (
    ContentAdmin,
    InlineChangesTouchParentMixin,
    PublishableContentAdmin,
    SafeAutocompleteMixin,
    translated_fields,
)
from finest.core.permissions import Actor
from medialibrary.admin import LibraryImageAdminMixin

from .forms import FundingSourceInlineFormSet, ParticipationInlineFormSet, WorkPackageInlineFormSet
from .models import (
    BudgetFigure,
    ExternalLink,
    FundingProgramme,
    FundingSource,
    Participation,
    Project,
    ProjectStatus,
    ProjectTheme,
    WorkPackage,
)
from .services import partner_share_text, project_create, project_delete, project_rows_save, project_update


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(ContentAdmin):
    list_display = ("__str__", "funder_name", "slug", "translation_marker")
    search_fields = (*translated_fields("name", "instrument"), "funder_name", "slug")


class ParticipationInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Participation
    formset = ParticipationInlineFormSet
    extra = 0
    autocomplete_fields = ("partner",)
    fields = ("partner", "role", "budget_share", "share_of_total", "budget_is_internal", "net_ec_contribution", "start_date", "end_date",
              "order")
    readonly_fields = ("share_of_total",)

    @admin.display(description=_("share of total"))
    def share_of_total(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return partner_share_text(share=obj.budget_share, total=obj.project.total_budget) or "–"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner", "project")


class FundingSourceInline(SafeAutocompleteMixin, TranslationTabularInline):
    model = FundingSource
    formset = FundingSourceInlineFormSet
    extra = 0
    autocomplete_fields = ("funder",)
    fields = ("funder_name", "funder", "amount", "is_internal", "order")


class WorkPackageInline(SafeAutocompleteMixin, TranslationStackedInline):
    model = WorkPackage
    formset = WorkPackageInlineFormSet
    extra = 0
    autocomplete_fields = ("lead_partner",)
    fields = ("code", "title", "description", "lead_partner", "budget", "budget_is_internal", "order")


class BudgetFigureInline(TranslationTabularInline):
    model = BudgetFigure
    extra = 0
    fields = ("amount", "scope", "source_name", "source_url", "source_date", "is_internal", "order")


class ProjectThemeInline(TranslationStackedInline):
    model = ProjectTheme
    extra = 0
    fields = ("title", "description", "order")


class ExternalLinkInline(TranslationTabularInline):
    model = ExternalLink
    extra = 0
    fields = ("title", "url", "order")


class StatusFilter(admin.SimpleListFilter):
    """The effective status: set by hand, or derived from the dates."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return ProjectStatus.choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        return queryset.with_status(value)


@admin.register(Project)
class ProjectAdmin(InlineChangesTouchParentMixin, LibraryImageAdminMixin, PublishableContentAdmin):
    inlines = (
        ParticipationInline,
        FundingSourceInline,
        WorkPackageInline,
        BudgetFigureInline,
        ProjectThemeInline,
        ExternalLinkInline,
    )
    list_display = ("thumbnail", "acronym", "title", "kind", "project_status", "start_date", "end_date", "state",
                    "translation_marker")
    list_display_links = ("thumbnail", "acronym", "title")
    list_filter = ("state", StatusFilter, "kind", "funding_programme", "focus_areas")
    list_select_related = ("funding_programme",)
    search_fields = ("acronym", "grant_agreement_id", *translated_fields("title"))
    autocomplete_fields = ("focus_areas", "cities", "funding_programme", "related_projects")
    readonly_fields = ("image_preview",)
    date_hierarchy = "start_date"

    @admin.display(description=_("status"))
    def project_status(self, obj):
        return obj.get_status_display()

    def create_object(self, *, obj, actor):
        project_create(project=obj, actor=actor)

    def update_object(self, *, obj, actor):
        project_update(project=obj, actor=actor)

    def delete_object(self, *, obj, actor):
        project_delete(project=obj, actor=actor)

    def save_rows(self, request, *, parent, saved, deleted, row_relations=()):
        project_rows_save(
            project=parent, saved=saved, deleted=deleted, row_relations=row_relations, actor=Actor.from_user(request.user)
        )
