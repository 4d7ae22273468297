"""schema.org JSON-LD for project pages. ResearchProject is an Organization type in
schema.org, so it gets Organization properties (member, funder, foundingDate) and
no inLanguage."""

from __future__ import annotations

from finest.core.jsonld import CONTEXT, clean, image, page_url, place, text
from partners.jsonld import organisation_ref


def project_jsonld(project) -> dict:
    participations = list(project.participations.all())
    return clean(
        {
            "@context": CONTEXT,
            "@type": "ResearchProject",
            "name": text(project, "title"),
            "alternateName": project.acronym,
            "description": text(project, "summary"),
            "url": page_url(project),
            "foundingDate": project.start_date.isoformat() if project.start_date else None,
            "dissolutionDate": project.end_date.isoformat() if project.end_date else None,
            "image": image(project.image),
            "sameAs": [project.website] if project.website else None,
            "funder": [
                clean({"@type": "Organization", "name": text(source, "funder_name")})
                for source in project.funding_sources.all()
                if not source.is_internal
            ],
            "member": [organisation_ref(participation.partner) for participation in participations],
            "areaServed": [place(city) for city in project.cities.all()],
            "keywords": ", ".join(text(area, "name") for area in project.focus_areas.all()),
        }
    )
