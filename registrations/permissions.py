"""The registrations policy: who may see what of a registration and its registrants.

- Anyone: the state of a public event's registration and whether places are left.
- A partner organisation co-organising the event: its counts; with an API key that holds
  the registrants scope (``APIKeyRegistrantsScope``), the registrants who consented to
  share their contact details with the co-organisers.
- Staff: everything; changes go through the services, which check ``actor.is_staff``."""

from __future__ import annotations

from django.db import models

from events.models import Event
from finest.core.permissions import Actor, ModelPolicy, register

from .models import APIKeyRegistrantsScope, Registrant, Registration


def visible_registrations(actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
    if actor.is_staff:
        return queryset
    public = models.Q(enabled=True, event__in=Event.objects.published())
    if actor.organisation is not None:
        return queryset.filter(public | models.Q(event__in=Event.objects.for_partner(actor.organisation)))
    return queryset.filter(public)


def can_see_counts(actor: Actor, registration: Registration) -> bool:
    if actor.is_staff:
        return True
    return actor.organisation is not None and registration.event.organisers.filter(pk=actor.organisation.pk).exists()


def has_registrants_scope(key) -> bool:
    return key is not None and APIKeyRegistrantsScope.objects.filter(key=key).exists()


def visible_registrants(actor: Actor, queryset: models.QuerySet, *, key=None) -> models.QuerySet:
    """Staff see every registrant not erased; a partner key with the registrants scope the
    consenting registrants of events its organisation co-organises; anyone else none."""
    queryset = queryset.not_erased()
    if actor.is_staff:
        return queryset
    if actor.organisation is None or not has_registrants_scope(key):
        return queryset.none()
    return queryset.consenting().for_partner(actor.organisation)


class RegistrationPolicy(ModelPolicy):
    """Anyone reads a public event's registration state; writes are staff's (the services)."""

    def visible(self, actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
        return visible_registrations(actor, queryset)


class RegistrantPolicy(ModelPolicy):
    """Registrants are personal data: staff only through the registry (a partner key with the
    registrants scope reads its consenting registrants through ``visible_registrants`` with the key)."""

    def visible(self, actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
        return visible_registrants(actor, queryset)


register(Registration, RegistrationPolicy)
register(Registrant, RegistrantPolicy)
