"""Public Living Lab pages: pilots (by phase, city and focus area) and open calls."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render

from finest.core.lookup import resolve_slug
from finest.core.models import City, FocusArea

from .jsonld import pilot_jsonld
from .models import OpenCall, OpenCallState, Pilot, PilotPhase

PER_PAGE = 24


def _choice(request, name: str, allowed) -> str:
    """The query parameter if it is one of ``allowed``; anything else means "no filter"."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def pilot_list(request):
    published = Pilot.objects.published()
    cities = list(City.objects.filter(pilots__in=published).distinct().order_by("name", "pk"))
    focus_areas = list(FocusArea.objects.all())
    phase = _choice(request, "phase", PilotPhase.values)
    city = _choice(request, "city", {str(option.pk) for option in cities})
    focus_area = _choice(request, "focus_area", {str(option.pk) for option in focus_areas})
    cross_border = _choice(request, "cross_border", {"1"})

    pilots = published
    if phase:
        pilots = pilots.filter(phase=phase)
    if city:
        pilots = pilots.filter(cities__pk=int(city))
    if focus_area:
        pilots = pilots.filter(focus_area__pk=int(focus_area))
    if cross_border:
        pilots = pilots.filter(pk__in=Pilot.objects.cross_border().values("pk"))
    pilots = pilots.distinct().with_listing_related().order_by("-start_date", "pk")
    page = Paginator(pilots, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "living_lab/pilot_list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "pilots": page.object_list,
            "phases": PilotPhase.choices,
            "cities": cities,
            "focus_areas": focus_areas,
            "phase": phase,
            "city": city,
            "focus_area": focus_area,
            "cross_border": cross_border,
            "is_filtered": bool(phase or city or focus_area or cross_border),
            "accepting_calls": list(OpenCall.objects.published().accepting().order_by("deadline", "pk")[:3]),
        },
    )


def pilot_detail(request, slug):
    pilot, redirect = resolve_slug(request, Pilot.objects.with_detail_related(), slug)
    if redirect:
        return redirect
    project = pilot.project if pilot.project and pilot.project.is_public else None
    open_call = pilot.open_call if pilot.open_call and pilot.open_call.is_public else None
    return render(
        request,
        "living_lab/pilot_detail.html",
        {
            "page_object": pilot,
            "pilot": pilot,
            "participants": pilot.participants.all(),
            "kpis": list(pilot.kpis.all()),
            "project": project,
            "open_call": open_call,
            "structured_data": pilot_jsonld(pilot),
        },
    )


def call_list(request):
    state = _choice(request, "state", OpenCallState.values)
    calls = OpenCall.objects.published()
    if state:
        calls = calls.with_state(state)
    page = Paginator(calls.with_listing_related().order_by("-deadline", "pk"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "living_lab/call_list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "calls": page.object_list,
            "states": OpenCallState.choices,
            "state": state,
            "is_filtered": bool(state),
        },
    )


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
