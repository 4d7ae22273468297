"""The event's schema.org additions: an ``offers`` entry whose availability is the
registration state, free of charge, valid from the opening to the closing time."""

from __future__ import annotations

from .models import Registration, RegistrationState

AVAILABILITY = {
    RegistrationState.OPEN: "https://schema.org/InStock",
    RegistrationState.WAITLIST: "https://schema.org/LimitedAvailability",
    RegistrationState.FULL: "https://schema.org/SoldOut",
}


def availability(registration: Registration, state: str) -> str:
    if state != RegistrationState.CLOSED:
        return AVAILABILITY[state]
    opens_later = registration.opens_later()
    return "https://schema.org/PreOrder" if opens_later else "https://schema.org/Discontinued"


def offers(registration: Registration, *, url: str) -> dict:
    state = registration.state()
    document = {
        "@type": "Offer",
        "url": f"{url}#registration",
        "price": "0",
        "priceCurrency": "EUR",
        "availability": availability(registration, state),
        "validThrough": registration.effective_closes_at.isoformat(),
    }
    if registration.opens_at:
        document["validFrom"] = registration.opens_at.isoformat()
    return document
