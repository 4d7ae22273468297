"""schema.org JSON-LD for detail pages: ResearchProject, Organization, Event,
NewsArticle and (for Living Lab pilots) Project. Texts are in the active language
with the usual fallback; URLs are absolute and language-specific. ResearchProject
and Project are Organization types in schema.org, so they get Organization
properties (member, funder, foundingDate) and no inLanguage."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from .i18n import absolute_url, translated, url_in_language
from .images import rendition_url

CONTEXT = "https://schema.org"
SITE_NAME = "FinEst Twins"

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


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _text(obj, field: str) -> str:
    return translated(obj, field, _language()).value


def _page_url(obj) -> str:
    return absolute_url(url_in_language(obj, _language()))


def _image(image_file) -> str | None:
    if not image_file:
        return None
    url = rendition_url(image_file, 960)
    return url if url.startswith("http") else absolute_url(url)


def _clean(data: dict) -> dict:
    """Drop empty values so validators do not complain about blank properties."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _organisation_ref(partner) -> dict:
    return _clean({"@type": "Organization", "name": _text(partner, "name"), "url": _page_url(partner)})


def _publisher() -> dict:
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute_url(f"/{_language()}/")}


def _place(city) -> dict | None:
    if city is None:
        return None
    return _clean(
        {
            "@type": "Place",
            "name": _text(city, "name"),
            "address": {"@type": "PostalAddress", "addressLocality": _text(city, "name"), "addressCountry": city.country},
        }
    )


def project_jsonld(project) -> dict:
    participations = list(project.participations.all())
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "ResearchProject",
            "name": _text(project, "title"),
            "alternateName": project.acronym,
            "description": _text(project, "summary"),
            "url": _page_url(project),
            "foundingDate": project.start_date.isoformat() if project.start_date else None,
            "dissolutionDate": project.end_date.isoformat() if project.end_date else None,
            "image": _image(project.image),
            "sameAs": [project.website] if project.website else None,
            "funder": [
                _clean({"@type": "Organization", "name": _text(source, "funder_name")})
                for source in project.funding_sources.all()
                if not source.is_internal
            ],
            "member": [_organisation_ref(participation.partner) for participation in participations],
            "areaServed": [_place(city) for city in project.cities.all()],
            "keywords": ", ".join(_text(area, "name") for area in project.focus_areas.all()),
        }
    )


def partner_jsonld(partner) -> dict:
    identifiers = []
    if partner.ror_id:
        identifiers.append(f"https://ror.org/{partner.ror_id}")
    address = _clean(
        {
            "@type": "PostalAddress",
            "addressLocality": _text(partner.city, "name") if partner.city else None,
            "addressCountry": partner.country if partner.country != "XX" else None,
        }
    )
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "name": _text(partner, "name"),
            "alternateName": partner.short_name,
            "description": _text(partner, "description"),
            "url": _page_url(partner),
            "sameAs": [url for url in [partner.website, *identifiers] if url],
            "logo": _image(partner.logo),
            "address": address if len(address) > 1 else None,
        }
    )


def event_jsonld(event) -> dict:
    locations = []
    if event.attendance_mode in ("in_person", "mixed"):
        address = _clean(
            {
                "@type": "PostalAddress",
                "streetAddress": event.street_address,
                "postalCode": event.postal_code,
                "addressLocality": _text(event.city, "name") if event.city else None,
                "addressCountry": event.city.country if event.city else None,
            }
        )
        locations.append(
            _clean(
                {
                    "@type": "Place",
                    "name": _text(event, "venue_name") or (_text(event.city, "name") if event.city else ""),
                    "address": address if len(address) > 1 else None,
                }
            )
        )
    if event.attendance_mode in ("online", "mixed") and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "name": _text(event, "title"),
            "description": _text(event, "summary") or _text(event, "description"),
            "url": _page_url(event),
            "inLanguage": _language(),
            "startDate": event.start.isoformat(),
            "endDate": event.end.isoformat(),
            "eventStatus": EVENT_STATUS.get(event.status, EVENT_STATUS["scheduled"]),
            "eventAttendanceMode": ATTENDANCE_MODE.get(event.attendance_mode),
            "location": locations[0] if len(locations) == 1 else locations,
            "image": _image(event.image),
            "organizer": [_organisation_ref(partner) for partner in event.organisers.all()],
        }
    )


def article_jsonld(article) -> dict:
    author = (
        {"@type": "Person", "name": article.author} if article.author else {"@type": "Organization", "name": SITE_NAME}
    )
    url = _page_url(article)
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "headline": _text(article, "title")[:110],
            "description": _text(article, "lead"),
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": _language(),
            "datePublished": article.published_at.isoformat() if article.published_at else None,
            "dateModified": article.modified_at.isoformat() if article.modified_at else None,
            "author": author,
            "publisher": _publisher(),
            "image": _image(article.image),
            "about": [{"@type": "Thing", "name": _text(area, "name")} for area in article.focus_areas.all()],
        }
    )


def pilot_jsonld(pilot) -> dict:
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Project",
            "name": _text(pilot, "title"),
            "description": _text(pilot, "summary"),
            "url": _page_url(pilot),
            "foundingDate": pilot.start_date.isoformat() if pilot.start_date else None,
            "dissolutionDate": pilot.end_date.isoformat() if pilot.end_date else None,
            "image": _image(pilot.image),
            "parentOrganization": _organisation_ref(pilot.host) if pilot.host_id else None,
            "member": [_organisation_ref(partner) for partner in pilot.participants.all()],
            "areaServed": [_place(city) for city in pilot.cities.all()],
        }
    )
