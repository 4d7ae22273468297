"""The registrants' emails, each in the registrant's language through the shared email
path (finest.core.email): the confirmation request, the confirmed, waitlisted and
cancelled notices (the confirmed one with an .ics file), the reminder and staff messages."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import get_connection
from django.urls import reverse
from django.utils import translation

from events.feeds import build_calendar
from finest.core.email import build_email

from .models import Announcement, Registrant, RegistrantStatus
from .tokens import CONFIRM, MANAGE, make_token

TEMPLATES = {
    RegistrantStatus.PENDING: "registrations/email/confirm_address",
    RegistrantStatus.CONFIRMED: "registrations/email/confirmed",
    RegistrantStatus.WAITLISTED: "registrations/email/waitlisted",
    RegistrantStatus.CANCELLED: "registrations/email/cancelled",
}


def _url(name: str, token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs={"token": token})


def _event_url(registrant: Registrant) -> str:
    with translation.override(registrant.language):
        return settings.SITE_URL + registrant.registration.event.get_absolute_url()


def _context(registrant: Registrant) -> dict:
    registration = registrant.registration
    with translation.override(registrant.language):
        confirmation_text = registration.confirmation_text
    return {
        "registrant": registrant,
        "registration": registration,
        "event": registration.event,
        "session": registration.session,
        "event_url": _event_url(registrant),
        "confirm_url": _url("registrations:confirm", make_token(registrant, CONFIRM), registrant.language),
        "manage_url": _url("registrations:manage", make_token(registrant, MANAGE), registrant.language),
        "position": registrant.waitlist_position(),
        "promoted": registrant.notified_status == RegistrantStatus.WAITLISTED,
        "confirmation_text": confirmation_text,
        "hold_minutes": settings.REGISTRATIONS_HOLD_MINUTES,
    }


def _with_calendar(message, registrant: Registrant):
    with translation.override(registrant.language):
        calendar = build_calendar([registrant.registration.event])
    message.attach("event.ics", calendar, "text/calendar; charset=utf-8; method=PUBLISH")
    return message


def send_status_email(registrant: Registrant, *, connection=None) -> int:
    """The email for the registrant's current status."""
    message = build_email(
        to=registrant.email, template=TEMPLATES[registrant.status], context=_context(registrant),
        language=registrant.language, connection=connection or get_connection(),
    )
    if registrant.status == RegistrantStatus.CONFIRMED:
        _with_calendar(message, registrant)
    return message.send(fail_silently=False)


def send_reminder_email(registrant: Registrant) -> int:
    message = build_email(
        to=registrant.email, template="registrations/email/reminder", context=_context(registrant),
        language=registrant.language, connection=get_connection(),
    )
    return _with_calendar(message, registrant).send(fail_silently=False)


def send_announcement_email(announcement: Announcement, registrant: Registrant, *, connection) -> int:
    with translation.override(registrant.language):
        subject, body = announcement.subject, announcement.body
    context = {**_context(registrant), "subject": subject, "body": body}
    message = build_email(
        to=registrant.email, template="registrations/email/announcement", context=context,
        language=registrant.language, connection=connection,
    )
    return message.send(fail_silently=False)
