"""Writes for events. The admin (``EventAdmin``) and the partner API (``EventViewSet``)
call these, so an event is checked the same way whoever changes it.

The event arrives as an instance that the caller's form or serializer filled in (its
translated fields are many, and the form and the serializer already name them); the
relations come as typed arguments, because a partner's organisation must stay among
the organisers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finest.core.changelog import touch
from finest.core.permissions import Actor
from finest.core.revisions import ADDED, CHANGED, revision_scope
from finest.core.services import content_create, content_delete, content_update

from .models import Event

if TYPE_CHECKING:
    from finest.core.models import FocusArea
    from partners.models import Partner
    from projects.models import Project


def _validate_organisers(*, organisers: list[Partner], actor: Actor) -> None:
    """A partner writing through the API cannot leave its own organisation out."""
    if actor.is_staff or actor.organisation is None:
        return
    if actor.organisation not in organisers:
        raise ValidationError(
            {"organisers": _("Your organisation must stay among the organisers of the event.")},
            code="organiser_required",
        )


def _validate_organiser_change(*, event: Event, organisers: list[Partner], actor: Actor) -> None:
    """Co-organisers may edit the event, but only its owner (the organisation that created it) and
    staff may change who organises it, so no co-organiser can lock the owner out."""
    if actor.is_staff or actor.organisation is None or event.owner_id == actor.organisation.pk:
        return
    if {organiser.pk for organiser in organisers} != set(event.organisers.values_list("pk", flat=True)):
        raise ValidationError(
            {"organisers": _("Only the organisation that created the event may change its organisers.")},
            code="not_owner",
        )


def _set_relations(
    event: Event,
    *,
    organisers: list[Partner] | None,
    focus_areas: list[FocusArea] | None,
    related_projects: list[Project] | None,
) -> None:
    if organisers is not None:
        event.organisers.set(organisers)
    if focus_areas is not None:
        event.focus_areas.set(focus_areas)
    if related_projects is not None:
        event.related_projects.set(related_projects)


def _listed(items: Iterable | None) -> list | None:
    return None if items is None else list(items)


@transaction.atomic
def event_create(
    *,
    event: Event,
    actor: Actor,
    organisers: Iterable[Partner] | None = None,
    focus_areas: Iterable[FocusArea] | None = None,
    related_projects: Iterable[Project] | None = None,
) -> Event:
    """Save the new ``event``. Without ``organisers``, a partner's event is organised
    by its own organisation; relations given as None are left to the caller (the
    admin's form saves its own)."""
    organisers = _listed(organisers)
    if organisers is None and not actor.is_staff and actor.organisation is not None:
        organisers = [actor.organisation]
    if organisers is not None:
        _validate_organisers(organisers=organisers, actor=actor)
    if event.owner_id is None and not actor.is_staff and actor.organisation is not None:
        event.owner = actor.organisation
    # One revision with the relations, not one before them.
    with revision_scope(actor=actor, comment=ADDED):
        content_create(obj=event, actor=actor)
        _set_relations(
            event, organisers=organisers, focus_areas=_listed(focus_areas), related_projects=_listed(related_projects)
        )
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    actor: Actor,
    organisers: Iterable[Partner] | None = None,
    focus_areas: Iterable[FocusArea] | None = None,
    related_projects: Iterable[Project] | None = None,
) -> Event:
    """Save the changes made to ``event``. Relations given as None stay as they are.
    A partner cannot take its own organisation off the organisers, and only the event's
    owner may change them."""
    organisers = _listed(organisers)
    if organisers is not None:
        _validate_organisers(organisers=organisers, actor=actor)
        _validate_organiser_change(event=event, organisers=organisers, actor=actor)
    relations = {
        "organisers": organisers, "focus_areas": _listed(focus_areas), "related_projects": _listed(related_projects),
    }
    with revision_scope(actor=actor, comment=CHANGED):
        content_update(obj=event, actor=actor)
        _set_relations(event, **relations)
    if any(value is not None for value in relations.values()):
        # The row was saved before its relations; syncing partners must see the new ones.
        touch(event)
    event.refresh_from_db()
    return event


@transaction.atomic
def event_delete(*, event: Event, actor: Actor) -> None:
    content_delete(obj=event, actor=actor)
