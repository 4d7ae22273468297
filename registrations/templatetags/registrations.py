"""``{% registration_panel event %}``: the sign-up forms on the event page, one per open
registration (the whole event first, then its sessions), or why one cannot sign up."""

from __future__ import annotations

from django import template
from django.conf import settings

from ..forms import SignUpForm
from ..models import Registration, RegistrationState

register = template.Library()


@register.inclusion_tag("registrations/_panel.html", takes_context=True)
def registration_panel(context, event):
    registrations = Registration.objects.enabled().filter(event=event).with_counts().select_related("session").prefetch_related("questions")
    entries = []
    for registration in registrations:
        registration.event = event
        state = registration.state()
        form = SignUpForm(registration=registration) if state in (RegistrationState.OPEN, RegistrationState.WAITLIST) else None
        entries.append({"registration": registration, "state": state, "form": form})
    return {"entries": entries, "event": event, "request": context.get("request"), "csrf_token": context.get("csrf_token")}


@register.simple_tag
def registration_retention_days() -> int:
    """For the privacy notice: the days after an event that registrants' data is kept."""
    return settings.REGISTRATIONS_RETENTION_DAYS
