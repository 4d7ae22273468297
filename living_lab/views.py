"""Public Living Lab pages: pilots (by phase, city and focus area) and open calls."""

from __future__ import annotations

from django import forms
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import ngettext_lazy

from finest.core.lists import FilterForm, list_page
from finest.core.lookup import resolve_slug
from finest.core.models import City, FocusArea
from finest.core.pagecache import cached_page

from .charts import kpi_chart_svg
from .jsonld import pilot_jsonld
from .models import OpenCall, OpenCallState, Pilot, PilotPhase

PER_PAGE = 24


class PilotFilterForm(FilterForm):
    phase = forms.ChoiceField(choices=PilotPhase.choices, required=False)
    # Choices of known ids rather than ModelChoiceFields: a 20-digit id must be a
    # choice that is not there, not a query the database cannot run.
    city = forms.TypedChoiceField(coerce=int, required=False)
    focus_area = forms.TypedChoiceField(coerce=int, required=False)
    cross_border = forms.BooleanField(required=False)

    def __init__(self, *args, cities: list[City], focus_areas: list[FocusArea], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [(str(option.pk), str(option.pk)) for option in cities]
        self.fields["focus_area"].choices = [(str(option.pk), str(option.pk)) for option in focus_areas]


class CallFilterForm(FilterForm):
    state = forms.ChoiceField(choices=OpenCallState.choices, required=False)


# A pilot shows its call, a call its pilots; both their host, participants, project and cities.
LIVING_LAB_DETAIL = ("living_lab.pilot", "living_lab.opencall", "partners.partner", "projects.project", "core.city")


@cached_page(depends=("living_lab.pilot", "living_lab.opencall", "partners.partner", "projects.project", "core.city"))
def pilot_list(request):
    published = Pilot.objects.published()
    cities = list(City.objects.filter(pilots__in=published).distinct().order_by("name", "pk"))
    focus_areas = list(FocusArea.objects.all())
    filters = PilotFilterForm(request.GET, cities=cities, focus_areas=focus_areas).valid_filters()
    pilots = published
    if filters.get("phase"):
        pilots = pilots.filter(phase=filters["phase"])
    if filters.get("city"):
        pilots = pilots.filter(cities__pk=filters["city"])
    if filters.get("focus_area"):
        pilots = pilots.filter(focus_area__pk=filters["focus_area"])
    if filters.get("cross_border"):
        pilots = pilots.filter(pk__in=Pilot.objects.cross_border().values("pk"))
    pilots = pilots.distinct().with_listing_related().order_by("-start_date", "pk")
    listing = list_page(
        request, pilots, per_page=PER_PAGE, count_text=ngettext_lazy("%(counter)s pilot", "%(counter)s pilots", "counter")
    )
    return render(
        request,
        "living_lab/pilot_list.html",
        {
            **listing,
            "pilots": listing["page_obj"].object_list,
            "phases": PilotPhase.choices,
            "cities": cities,
            "focus_areas": focus_areas,
            "phase": filters.get("phase", ""),
            "city": str(filters.get("city", "")),
            "focus_area": str(filters.get("focus_area", "")),
            "cross_border": "1" if filters.get("cross_border") else "",
            "is_filtered": bool(filters),
            "accepting_calls": list(OpenCall.objects.published().accepting().order_by("deadline", "pk")[:3]),
        },
    )


@cached_page(depends=LIVING_LAB_DETAIL)
def pilot_detail(request, slug):
    pilot, redirect = resolve_slug(request, Pilot.objects.with_detail_related(), slug)
    if redirect:
        return redirect
    project = pilot.project if pilot.project and pilot.project.is_public else None
    open_call = pilot.open_call if pilot.open_call and pilot.open_call.is_public else None
    kpis = list(pilot.kpis.all())
    for kpi in kpis:
        kpi.chart = kpi_chart_svg(kpi)
    return render(
        request,
        "living_lab/pilot_detail.html",
        {
            "page_object": pilot,
            "pilot": pilot,
            "participants": pilot.participants.all(),
            "kpis": kpis,
            "project": project,
            "open_call": open_call,
            "structured_data": pilot_jsonld(pilot),
        },
    )


@cached_page(depends=("living_lab.opencall", "partners.partner", "projects.project", "core.city"))
def call_list(request):
    filters = CallFilterForm(request.GET).valid_filters()
    calls = OpenCall.objects.published()
    if filters.get("state"):
        calls = calls.with_state(filters["state"])
    listing = list_page(
        request,
        calls.with_listing_related().order_by("-deadline", "pk"),
        per_page=PER_PAGE,
        count_text=ngettext_lazy("%(counter)s call", "%(counter)s calls", "counter"),
    )
    return render(
        request,
        "living_lab/call_list.html",
        {
            **listing,
            "calls": listing["page_obj"].object_list,
            "states": OpenCallState.choices,
            "state": filters.get("state", ""),
            "is_filtered": bool(filters),
        },
    )


@cached_page(depends=LIVING_LAB_DETAIL)
def call_detail(request, slug):
    call, redirect = resolve_slug(
        request,
        OpenCall.objects.select_related("host", "project").prefetch_related(
            "focus_areas", "cities", Prefetch("pilots", queryset=Pilot.objects.published().select_related("host"))
        ),
        slug,
    )
    if redirect:
        return redirect
    return render(
        request,
        "living_lab/call_detail.html",
        {
            "page_object": call,
            "call": call,
            "host": call.host if call.host and call.host.is_public else None,
            "project": call.project if call.project and call.project.is_public else None,
            "pilots": list(call.pilots.all()),
        },
    )
