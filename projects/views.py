"""Public project pages: the filterable list and the detail page."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.http import require_GET

from finest.core.i18n import translated
from finest.core.lists import FilterForm, list_page
from finest.core.lookup import resolve_slug
from finest.core.models import City, FocusArea
from finest.core.money import money_unit
from finest.core.pagecache import ALL_CONTENT, cached_page
from partners.models import Partner

from .charts import (
    TimelineItem,
    budget_rows,
    chart_description,
    composition_chart_svg,
    format_eur_whole,
    remainder_row,
    timeline_svg,
)
from .jsonld import project_jsonld
from .models import FundingProgramme, Participation, Project, ProjectStatus
from .services import partner_share_text

PAGE_SIZE = 12


class ProjectFilterForm(FilterForm):
    """GET filters. Invalid values are ignored field by field, so a stale or mistyped
    link still shows a page (with the other filters applied)."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    area = forms.ModelChoiceField(
        label=gettext_lazy("Focus area"), required=False, queryset=FocusArea.objects.all(), empty_label=gettext_lazy("All")
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    city = forms.ModelChoiceField(
        label=gettext_lazy("City or region"), required=False, queryset=City.objects.none(), empty_label=gettext_lazy("All")
    )
    partner = forms.ModelChoiceField(
        label=gettext_lazy("Partner"), required=False, queryset=Partner.objects.none(), empty_label=gettext_lazy("All")
    )
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Funding programme"), required=False, queryset=FundingProgramme.objects.none(),
        empty_label=gettext_lazy("All"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = Project.objects.published()
        self.fields["status"].choices = [("", _("All")), *ProjectStatus.choices]
        # EXISTS per option rather than DISTINCT over a join with every published project's rows: at
        # 10,000 projects the join (50,000 participations) took the planner into minutes-long nested loops.
        self.fields["city"].queryset = City.objects.filter(
            Exists(Project.cities.through.objects.filter(city_id=OuterRef("pk"), project__in=published))
        ).order_by("name")
        self.fields["partner"].queryset = (
            Partner.objects.published()
            .filter(Exists(Participation.objects.filter(partner_id=OuterRef("pk"), project__in=published)))
            .order_by("name")
        )
        self.fields["programme"].queryset = FundingProgramme.objects.filter(
            Exists(published.filter(funding_programme_id=OuterRef("pk")))
        )


def filter_projects(queryset, filters: dict, language: str):
    if filters.get("area"):
        queryset = queryset.filter(focus_areas=filters["area"])
    if filters.get("status"):
        queryset = queryset.with_status(filters["status"])
    if filters.get("city"):
        queryset = queryset.filter(cities=filters["city"])
    if filters.get("partner"):
        queryset = queryset.filter(pk__in=Participation.objects.filter(partner=filters["partner"]).values("project_id"))
    if filters.get("programme"):
        queryset = queryset.filter(funding_programme=filters["programme"])
    if filters.get("q"):
        queryset = queryset.search(filters["q"], language)
    return queryset


@require_GET
@cached_page(depends=("projects.project", "partners.partner", "core.city"))
def project_list(request):
    language = translation.get_language()
    form = ProjectFilterForm(request.GET or None)
    filters = form.valid_filters()
    queryset = filter_projects(Project.objects.published().with_listing_related(), filters, language)
    if not filters.get("q"):
        queryset = queryset.order_by("-start_date", "pk")
    listing = list_page(
        request,
        queryset,
        per_page=PAGE_SIZE,
        count_text=ngettext_lazy("%(counter)s project", "%(counter)s projects", "counter"),
    )
    projects = listing["page_obj"].object_list
    context = {
        "form": form,
        "filters": filters,
        "ignored_filters": form.ignored_labels(),
        **listing,
        "projects": projects,
        "timeline_chart": _projects_timeline(projects),
    }
    return render(request, "projects/project_list.html", context)


def _projects_timeline(projects) -> str:
    """The listed projects (this page of them) on one time axis, earliest first."""
    items = sorted(
        (
            TimelineItem(label=translated(project, "title").value, url=project.get_absolute_url(),
                         start=project.start_date, end=project.end_date, status=project.status)
            for project in projects
            if project.start_date and project.end_date
        ),
        key=lambda item: (item.start, item.label),
    )
    return timeline_svg(
        items=items, today=timezone.localdate(), title=_("Project timeline"), chart_id="projects-timeline",
        status_labels={status.value: status.label for status in ProjectStatus},
    )


def _timeline(project) -> dict | None:
    if not (project.start_date and project.end_date):
        return None
    today = timezone.localdate()
    total_days = max((project.end_date - project.start_date).days, 1)
    elapsed = min(max((today - project.start_date).days, 0), total_days)
    return {"start": project.start_date, "end": project.end_date, "percent": round(elapsed / total_days * 100), "today": today}


def _budget(project) -> dict:
    """Only figures that may be public: nothing marked internal ever reaches the page."""
    if project.budget_is_internal:
        return {"public": False}
    total = project.total_budget
    sources = [
        (translated(source, "funder_name").value, source.amount)
        for source in project.funding_sources.all()
        if not source.is_internal
    ]
    shares = [
        (translated(participation.partner, "name").value, participation.budget_share)
        for participation in project.participations.all()
        if participation.budget_share is not None and not participation.budget_is_internal
    ]
    # One unit for every shortened amount on the page: both charts, their keys and the consortium's shares.
    unit = money_unit([total, *(amount for _label, amount in sources + shares)])
    source_rows = budget_rows(sources, total, unit=unit)
    share_rows = budget_rows(shares, total, unit=unit)
    source_rest = remainder_row(source_rows, total, _("Not broken down by source"), unit=unit)
    share_rest = remainder_row(share_rows, total, _("Other partners, not broken down"), unit=unit)
    return {
        "public": True,
        "total": total,
        "unit": unit,
        "total_text": format_eur_whole(total) if total is not None else "",
        "source_rows": source_rows,
        "share_rows": share_rows,
        "source_rest": source_rest,
        "share_rest": share_rest,
        "source_chart": composition_chart_svg(
            rows=source_rows, total=total, title=_("Budget by funding source"),
            description=chart_description(source_rows + [source_rest] * bool(source_rest)), chart_id="chart-sources",
            remainder=source_rest, unit=unit,
        ),
        "share_chart": composition_chart_svg(
            rows=share_rows, total=total, title=_("Budget by partner"),
            description=chart_description(share_rows + [share_rest] * bool(share_rest)), chart_id="chart-partners",
            remainder=share_rest, unit=unit,
        ),
        "figures": [figure for figure in project.budget_figures.all() if not figure.is_internal],
    }


@require_GET
@cached_page(depends=ALL_CONTENT)
def project_detail(request, slug):
    project, redirect = resolve_slug(request, Project.objects.with_detail_related(), slug)
    if redirect:
        return redirect
    budget = _budget(project)
    consortium = [
        {
            "participation": participation,
            "share_text": (
                partner_share_text(share=participation.budget_share, total=project.total_budget, unit=budget["unit"])
                if budget["public"] and not participation.budget_is_internal
                else ""
            ),
        }
        for participation in project.participations.all()
    ]
    context = {
        "page_object": project,
        "project": project,
        "timeline": _timeline(project),
        "consortium": consortium,
        "budget": budget,
        "work_packages": project.work_packages.all(),
        "events": project.events.published().with_listing_related().order_by("-start", "pk")[:12],
        "articles": project.articles.published().latest_first().with_listing_related()[:12],
        "pilots": project.pilots.published().with_listing_related()[:12],
        "calls": project.open_calls.published().with_listing_related()[:6],
        "related_projects": project.related_projects.published().with_listing_related()[:6],
        "structured_data": project_jsonld(project),
    }
    return render(request, "projects/project_detail.html", context)
