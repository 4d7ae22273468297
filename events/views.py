"""Public event pages: the list (upcoming or past, by kind and year), the detail page and the speakers' pages."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.db import models
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from finest.core.i18n import slug_for
from finest.core.lists import FilterForm, list_page
from finest.core.lookup import resolve_slug
from finest.core.pagecache import cached_page

from .jsonld import event_jsonld, speaker_jsonld
from .models import Event, EventKind, Session, Speaker

PER_PAGE = 20


class EventFilterForm(FilterForm):
    when = forms.ChoiceField(choices=[("upcoming", "upcoming"), ("past", "past")], required=False)
    kind = forms.ChoiceField(choices=EventKind.choices, required=False)
    year = forms.TypedChoiceField(coerce=int, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(str(year), str(year)) for year in years]


def _section(request) -> str:
    when = EventFilterForm(request.GET, years=[]).valid_filters().get("when")
    return when or "upcoming"


@cached_page(depends=("events.event", "partners.partner", "projects.project", "core.city"))
def event_list(request):
    when = _section(request)
    published = Event.objects.published()
    events = published.upcoming() if when == "upcoming" else published.past()
    # Only the years that have events in this section, so a chosen year never gives an empty page.
    years = [moment.year for moment in events.datetimes("start", "year", order="ASC" if when == "upcoming" else "DESC")]
    filters = EventFilterForm(request.GET, years=years).valid_filters()
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("year"):
        events = events.filter(start__year=filters["year"])
    listing = list_page(
        request,
        events.with_listing_related(),
        per_page=PER_PAGE,
        count_text=ngettext_lazy("%(counter)s event", "%(counter)s events", "counter"),
    )
    return render(
        request,
        "events/event_list.html",
        {
            **listing,
            "events": listing["page_obj"].object_list,
            "when": when,
            "kind": filters.get("kind", ""),
            "year": str(filters.get("year", "")),
            "kinds": EventKind.choices,
            "years": years,
            "is_filtered": bool(filters.get("kind") or filters.get("year")),
        },
    )


def programme_by_day(sessions) -> list[tuple]:
    """[(local date, [sessions])], so a programme crossing midnight in Helsinki splits correctly."""
    ordered = sorted(sessions, key=lambda session: (session.start, session.pk))
    return [
        (day, list(items))
        for day, items in groupby(ordered, key=lambda session: timezone.localtime(session.start).date())
    ]


@cached_page(depends=("events.event", "partners.partner", "projects.project", "core.city"))
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


@cached_page(depends=("events.event", "partners.partner", "projects.project", "core.city"))
def speaker_detail(request, slug):
    """A speaker of a published event: photo, affiliation, bio and the sessions of published events.
    A speaker only in drafts has no page (404), so the page never shows what is not public."""
    speaker = get_object_or_404(Speaker.objects.public().with_detail_related(), slug=slug)
    sessions = (
        Session.objects.of_published_events()
        .filter(speakers=speaker)
        .select_related("event", "event__city")
        .prefetch_related(models.Prefetch("speakers", queryset=Speaker.objects.exclude(pk=speaker.pk).order_by("name")))
        .order_by("start", "pk")
    )
    partner = speaker.partner if speaker.partner and speaker.partner.is_public else None
    return render(
        request,
        "events/speaker_detail.html",
        {
            "page_object": speaker,
            "speaker": speaker,
            "sessions": list(sessions),
            "partner": partner,
            "structured_data": speaker_jsonld(speaker, partner=partner),
        },
    )
