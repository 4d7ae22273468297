"""Public event pages: the list (upcoming or past, by kind and year) and the detail page."""

from __future__ import annotations

from itertools import groupby

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from finest.core.i18n import slug_for
from finest.core.lookup import resolve_slug

from .jsonld import event_jsonld
from .models import Event, EventKind

PER_PAGE = 20
WHEN_CHOICES = ("upcoming", "past")


def event_list(request):
    published = Event.objects.published()
    when = request.GET.get("when", "")
    if when not in WHEN_CHOICES:
        when = "upcoming"
    kind = request.GET.get("kind", "")
    if kind not in EventKind.values:
        kind = ""
    events = published.upcoming() if when == "upcoming" else published.past()
    # Only the years that have events in this section, so a chosen year never gives an empty page.
    years = [moment.year for moment in events.datetimes("start", "year", order="ASC" if when == "upcoming" else "DESC")]
    year = request.GET.get("year", "")
    if year not in {str(value) for value in years}:
        year = ""

    if kind:
        events = events.filter(kind=kind)
    if year:
        events = events.filter(start__year=int(year))
    page = Paginator(events.with_listing_related(), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "events": page.object_list,
            "when": when,
            "kind": kind,
            "year": year,
            "kinds": EventKind.choices,
            "years": years,
            "is_filtered": bool(kind or year),
        },
    )


def programme_by_day(sessions) -> list[tuple]:
    """[(local date, [sessions])], so a programme crossing midnight in Helsinki splits correctly."""
    ordered = sorted(sessions, key=lambda session: (session.start, session.pk))
    return [
        (day, list(items))
        for day, items in groupby(ordered, key=lambda session: timezone.localtime(session.start).date())
    ]


def event_detail(request, slug):
    event, redirect = resolve_slug(request, Event.objects.with_detail_related(), slug)
    if redirect:
        return redirect
    parent = event.parent if event.parent and event.parent.is_public else None
    return render(
        request,
        "events/event_detail.html",
        {
            "page_object": event,
            "event": event,
            "programme": programme_by_day(event.sessions.all()),
            "organisers": event.organisers.all(),
            "related_projects": event.related_projects.all(),
            "sub_events": event.children.all(),
            "parent_event": parent,
            "ics_url": reverse("events:ics", kwargs={"slug": slug_for(event)}),
            "structured_data": event_jsonld(event),
        },
    )
