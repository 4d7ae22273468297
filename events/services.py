"""Writes for events. The admin and the partner API call these, so an event is
checked the same way whoever changes it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finest.core.changelog import touch

from .models import Event

# What a partner may set on an event: its content, time, place and links. Publishing
# state and the parent event stay with whoever calls the service (the API decides).
EVENT_FIELDS = frozenset(
    {
        "kind", "status", "start", "end", "attendance_mode", "street_address", "postal_code", "city",
        "latitude", "longitude", "online_url", "registration_url", "parent", "state", "published_at",
    }
)
EVENT_TRANSLATED_PREFIXES = ("title_", "slug_", "summary_", "description_", "venue_name_", "image_alt_")


def _apply(event: Event, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name not in EVENT_FIELDS and not name.startswith(EVENT_TRANSLATED_PREFIXES):
            raise ValidationError({name: _("This field cannot be set.")})
        setattr(event, name, value)


def _validate_organisers(*, organisers: list, acting_organisation) -> None:
    if acting_organisation is not None and acting_organisation not in organisers:
        raise ValidationError(
            {"organisers": _("Your organisation must stay among the organisers of the event.")},
            code="organiser_required",
        )


def _set_relations(event: Event, *, organisers, focus_areas, related_projects) -> None:
    if organisers is not None:
        event.organisers.set(organisers)
    if focus_areas is not None:
        event.focus_areas.set(focus_areas)
    if related_projects is not None:
        event.related_projects.set(related_projects)


@transaction.atomic
def event_create(
    *,
    fields: dict[str, Any],
    organisers: Iterable,
    focus_areas: Iterable = (),
    related_projects: Iterable = (),
    acting_organisation=None,
) -> Event:
    """Create an event. ``acting_organisation`` (a partner writing through the API)
    must be among the organisers."""
    organisers = list(organisers)
    _validate_organisers(organisers=organisers, acting_organisation=acting_organisation)
    event = Event()
    _apply(event, fields)
    event.full_clean()
    event.save()
    _set_relations(event, organisers=organisers, focus_areas=list(focus_areas), related_projects=list(related_projects))
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    fields: dict[str, Any],
    organisers: Iterable | None = None,
    focus_areas: Iterable | None = None,
    related_projects: Iterable | None = None,
    acting_organisation=None,
) -> Event:
    """Change an event. Relations given as None stay as they are. An
    ``acting_organisation`` cannot take itself off the organisers."""
    if organisers is not None:
        organisers = list(organisers)
        _validate_organisers(organisers=organisers, acting_organisation=acting_organisation)
    _apply(event, fields)
    event.full_clean()
    event.save()
    relations_changed = any(value is not None for value in (organisers, focus_areas, related_projects))
    _set_relations(
        event,
        organisers=organisers,
        focus_areas=None if focus_areas is None else list(focus_areas),
        related_projects=None if related_projects is None else list(related_projects),
    )
    if relations_changed:
        # The row was saved before its relations; syncing partners must see the new ones.
        touch(event)
    event.refresh_from_db()
    return event


@transaction.atomic
def event_delete(*, event: Event) -> None:
    event.delete()
