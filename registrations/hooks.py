"""What this app adds to the events app's output, through finest.core.hooks: the
registration state in the events API and the ``offers`` of the event's JSON-LD."""

from __future__ import annotations

from django.db.models import Prefetch

from finest.core.i18n import absolute_url

from .jsonld import offers
from .models import Registration, RegistrationState

PREFETCH_ATTR = "whole_event_registrations"


def with_registration(queryset):
    """Prefetches the whole-event registration with its counts, for a list without N+1."""
    return queryset.prefetch_related(
        Prefetch("registrations", queryset=Registration.objects.enabled().filter(session__isnull=True).with_counts(), to_attr=PREFETCH_ATTR)
    )


def event_registration(event) -> Registration | None:
    registrations = getattr(event, PREFETCH_ATTR, None)
    if registrations is None:
        registrations = list(Registration.objects.enabled().filter(event=event, session__isnull=True).with_counts())
    for registration in registrations:
        registration.event = event
        return registration
    return None


def summary(registration: Registration) -> dict:
    """What anyone may know: the state, when it opens and closes, and whether places are left."""
    state = registration.state()
    return {
        "state": state,
        "places_left": state == RegistrationState.OPEN,
        "waitlist_open": state == RegistrationState.WAITLIST,
        "opens_at": registration.opens_at.isoformat() if registration.opens_at else None,
        "closes_at": registration.effective_closes_at.isoformat(),
    }


def api_registration(event) -> dict:
    registration = event_registration(event)
    return summary(registration) if registration else {}


def event_offers(event) -> dict:
    registration = event_registration(event)
    if registration is None:
        return {}
    return {"offers": offers(registration, url=absolute_url(event.get_absolute_url()))}
