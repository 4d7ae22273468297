"""schema.org JSON-LD for partner pages: an Organization, and the reference to it
that other apps' documents use."""

from __future__ import annotations

from finest.core.jsonld import CONTEXT, clean, image, page_url, text


def organisation_ref(partner) -> dict:
    return clean({"@type": "Organization", "name": text(partner, "name"), "url": page_url(partner)})


def partner_jsonld(partner) -> dict:
    identifiers = []
    if partner.ror_id:
        identifiers.append(f"https://ror.org/{partner.ror_id}")
    address = clean(
        {
            "@type": "PostalAddress",
            "addressLocality": text(partner.city, "name") if partner.city else None,
            "addressCountry": partner.country if partner.country != "XX" else None,
        }
    )
    return clean(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "name": text(partner, "name"),
            "alternateName": partner.short_name,
            "description": text(partner, "description"),
            "url": page_url(partner),
            "sameAs": [url for url in [partner.website, *identifiers] if url],
            "logo": image(partner.logo),
            "address": address if len(address) > 1 else None,
        }
    )
