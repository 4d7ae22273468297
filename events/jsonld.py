"""schema.org JSON-LD for event pages: an Event with its status, attendance mode
and physical and/or virtual locations; and a Person for a speaker's page."""

from __future__ import annotations

from finest.core.jsonld import CONTEXT, clean, image, language, page_url, text
from partners.jsonld import organisation_ref

from . import extensions

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}
ATTENDANCE_MODE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def _performers(event) -> list[dict]:
    """The programme's speakers, each once; their pages are public only with the event."""
    speakers = {}
    for session in event.sessions.all():
        for speaker in session.speakers.all():
            speakers.setdefault(speaker.pk, speaker)
    return [
        clean({"@type": "Person", "name": speaker.name, "url": page_url(speaker) if event.is_public else None})
        for speaker in speakers.values()
    ]


def event_jsonld(event) -> dict:
    locations = []
    if event.attendance_mode in ("in_person", "mixed"):
        address = clean(
            {
                "@type": "PostalAddress",
                "streetAddress": event.street_address,
                "postalCode": event.postal_code,
                "addressLocality": text(event.city, "name") if event.city else None,
                "addressCountry": event.city.country if event.city else None,
            }
        )
        locations.append(
            clean(
                {
                    "@type": "Place",
                    "name": text(event, "venue_name") or (text(event.city, "name") if event.city else ""),
                    "address": address if len(address) > 1 else None,
                }
            )
        )
    if event.attendance_mode in ("online", "mixed") and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    document = clean(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "name": text(event, "title"),
            "description": text(event, "summary") or text(event, "description"),
            "url": page_url(event),
            "inLanguage": language(),
            "startDate": event.start.isoformat(),
            "endDate": event.end.isoformat(),
            "eventStatus": EVENT_STATUS.get(event.status, EVENT_STATUS["scheduled"]),
            "eventAttendanceMode": ATTENDANCE_MODE.get(event.attendance_mode),
            "location": locations[0] if len(locations) == 1 else locations,
            "image": image(event.image),
            "organizer": [organisation_ref(partner) for partner in event.organisers.all()],
            "performer": _performers(event),
        }
    )
    # Other apps' additions (registration adds ``offers``).
    return {**document, **extensions.jsonld(event)}


def speaker_jsonld(speaker, *, partner=None) -> dict:
    """``partner``: the speaker's partner organisation if it is public (its page is linked)."""
    affiliation = text(speaker, "organisation")
    if partner is not None:
        works_for = {**organisation_ref(partner), **({"name": affiliation} if affiliation else {})}
    else:
        works_for = clean({"@type": "Organization", "name": affiliation}) if affiliation else None
    return clean(
        {
            "@context": CONTEXT,
            "@type": "Person",
            "name": speaker.name,
            "jobTitle": text(speaker, "title"),
            "worksFor": works_for,
            "description": text(speaker, "bio"),
            "url": page_url(speaker),
            "image": image(speaker.photo),
        }
    )
