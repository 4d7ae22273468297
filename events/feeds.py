"""iCalendar downloads: one event's .ics, and a feed of every upcoming public event.

Texts are in the language of the URL prefix (with the usual fallback); times are
written in UTC, which every calendar client converts to the reader's zone."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from finest.core.html import plain_text
from finest.core.i18n import absolute_url, slug_for, translated
from finest.core.lookup import resolve_slug
from finest.core.pagecache import cached_page

from .models import Event, EventStatus

PRODUCT_ID = "-//FinEst Twins//Portal//EN"
ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    # A postponed event has no final time yet; TENTATIVE keeps it in calendars but flags it.
    EventStatus.POSTPONED: "TENTATIVE",
}
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _uid(event: Event) -> str:
    # The public id never changes, so re-downloading updates the entry instead of duplicating it.
    return f"{event.public_id}@{urlsplit(settings.SITE_URL).hostname or 'finesttwins'}"


def _location(event: Event, language: str) -> str:
    city = translated(event.city, "name", language).value if event.city else ""
    place = ", ".join(
        part for part in (
            translated(event, "venue_name", language).value,
            event.street_address,
            " ".join(part for part in (event.postal_code, city) if part),
        ) if part
    )
    if not place and event.online_url:
        return event.online_url
    return place


def calendar_event(event: Event, language: str) -> CalendarEvent:
    url = absolute_url(event.get_absolute_url())
    summary = translated(event, "title", language).value
    text = translated(event, "summary", language).value or plain_text(translated(event, "description", language).value)
    description = "\n\n".join(part for part in (text.strip(), event.online_url, url) if part)
    entry = CalendarEvent()
    entry.add("uid", _uid(event))
    entry.add("dtstamp", event.modified_at)
    entry.add("last-modified", event.modified_at)
    entry.add("dtstart", event.start)
    entry.add("dtend", event.end)
    if event.is_cancelled:
        # Clients show this in the title; STATUS alone is not displayed by all of them.
        summary = _("Cancelled: %(title)s") % {"title": summary}
    entry.add("summary", summary)
    entry.add("description", description)
    location = _location(event, language)
    if location:
        entry.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        entry.add("geo", (float(event.latitude), float(event.longitude)))
    entry.add("url", url)
    entry.add("status", ICAL_STATUS.get(event.status, "CONFIRMED"))
    return entry


def build_calendar(events, *, name: str = "") -> bytes:
    language = _language()
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(calendar_event(event, language))
    return calendar.to_ical()


def _calendar_response(content: bytes, filename: str, disposition: str = "attachment") -> HttpResponse:
    return HttpResponse(
        content,
        content_type=CONTENT_TYPE,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


@cached_page(depends=("events.event",))
def event_ics(request, slug):
    event, redirect = resolve_slug(request, Event.objects.select_related("city"), slug)
    if redirect:
        return HttpResponsePermanentRedirect(reverse("events:ics", kwargs={"slug": slug_for(event)}))
    return _calendar_response(build_calendar([event]), f"{slug_for(event)}.ics")


@cached_page(depends=("events.event",))
def upcoming_events_ics(request):
    events = Event.objects.published().upcoming().select_related("city")
    content = build_calendar(events, name=_("FinEst Twins events"))
    # Inline, so calendar apps can subscribe to the address; browsers still save it under this name.
    return _calendar_response(content, f"finest-twins-events-{_language()}.ics", disposition="inline")
