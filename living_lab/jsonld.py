"""schema.org JSON-LD for Living Lab pilot pages. Project is an Organization type in
schema.org, so it gets Organization properties (member, foundingDate) and no
inLanguage."""

from __future__ import annotations

from finest.core.jsonld import CONTEXT, clean, image, page_url, place, text
from partners.jsonld import organisation_ref


def pilot_jsonld(pilot) -> dict:
    return clean(
        {
            "@context": CONTEXT,
            "@type": "Project",
            "name": text(pilot, "title"),
            "description": text(pilot, "summary"),
            "url": page_url(pilot),
            "foundingDate": pilot.start_date.isoformat() if pilot.start_date else None,
            "dissolutionDate": pilot.end_date.isoformat() if pilot.end_date else None,
            "image": image(pilot.image),
            "parentOrganization": organisation_ref(pilot.host) if pilot.host_id else None,
            "member": [organisation_ref(partner) for partner in pilot.participants.all()],
            "areaServed": [place(city) for city in pilot.cities.all()],
        }
    )
