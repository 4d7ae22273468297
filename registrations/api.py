"""API v1: registrations. Anyone sees a public event's registration state and whether
places are left; the co-organising partners also its counts; a partner key with the
registrants scope (``APIKeyRegistrantsScope``) also the registrants who consented to
share their contact details with the co-organisers. Read-only: people register
through the public form, which confirms their email address."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied

from finest.api.authentication import actor_for
from finest.api.pagination import PagePagination
from finest.api.schema import responses_with_errors
from finest.api.views import negotiate_language

from .hooks import summary
from .models import Registrant, Registration
from .permissions import can_see_counts, has_registrants_scope, visible_registrants, visible_registrations


class RegistrationSerializer(serializers.ModelSerializer):
    availability = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = ("id", "event", "session", "availability", "counts")

    @extend_schema_field({"type": "object", "description": "state (open, waitlist, full, closed), places_left, opens_at, closes_at"})
    def get_availability(self, registration) -> dict:
        return summary(registration)

    @extend_schema_field({"type": "object", "nullable": True, "description": "For the co-organisers and staff only."})
    def get_counts(self, registration) -> dict | None:
        actor = self.context["actor"]
        if not can_see_counts(actor, registration):
            return None
        counts = registration.counts()
        return {
            "capacity": registration.capacity, "confirmed": counts.confirmed, "waitlisted": counts.waitlisted,
            "cancelled": counts.cancelled, "pending": counts.pending,
        }


class RegistrantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registrant
        fields = ("id", "name", "email", "organisation", "language", "status", "created_at")


@extend_schema_view(
    list=extend_schema(summary="List registrations", description="Counts only for the events your organisation co-organises."),
    retrieve=extend_schema(summary="One registration"),
    registrants=extend_schema(
        summary="Consenting registrants",
        description="Needs a key with the registrants scope, of an organisation that co-organises the event.",
        responses=responses_with_errors("200", RegistrantSerializer(many=True), ("400", "401", "403", "404", "429")),
    ),
)
class RegistrationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RegistrationSerializer
    pagination_class = PagePagination
    key_required_actions = ("registrants",)
    # Any id reaches the view, so a malformed one gets the API's JSON 404, not the site's HTML page.
    lookup_value_regex = "[^/]+"

    def initial(self, request, *args, **kwargs):
        # As everywhere in the API: messages in the asked language, else in English.
        translation.activate("en")
        super().initial(request, *args, **kwargs)
        language = negotiate_language(request)
        if language:
            translation.activate(language)

    @property
    def actor(self):
        return actor_for(self.request)

    def get_queryset(self):
        queryset = Registration.objects.select_related("event", "session").with_counts().order_by("event__start", "pk")
        event = self.request.query_params.get("event", "")
        if event.isascii() and event.isdigit():
            queryset = queryset.filter(event_id=int(event))
        return visible_registrations(self.actor, queryset)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "actor": self.actor}

    @action(detail=True, methods=["get"])
    def registrants(self, request, pk=None):
        registration = self.get_object()
        if not (self.actor.is_staff or (can_see_counts(self.actor, registration) and has_registrants_scope(request.auth))):
            raise PermissionDenied(_("Your API key does not have the registrants scope for this event."))
        registrants = visible_registrants(self.actor, registration.registrants.active(), key=request.auth)
        page = self.paginate_queryset(registrants.order_by("created_at", "pk"))
        return self.get_paginated_response(RegistrantSerializer(page, many=True).data)
