"""API v1: events with their programme (sessions and speakers). Partners with a write
key create and update the events their organisation organises; also as iCalendar."""

from __future__ import annotations

from datetime import UTC, datetime

import django_filters
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from finest.api.fields import Related
from finest.api.filters import IdFilter, IsoDateTimeFilter, PortalFilterSet
from finest.api.renderers import CSVRenderer, ICalendarRenderer
from finest.api.schema import responses_with_errors
from finest.api.serializers import (
    BASE_FIELDS,
    PUBLISHING,
    TIMESTAMPS,
    PortalSerializer,
    StrictWriteSerializerMixin,
    TranslatedModelSerializer,
)
from finest.api.views import PortalViewSet
from finest.core.api import CitySerializer, FocusAreaSerializer
from finest.core.models import City, Country, FocusArea, PublishState
from partners.api import PartnerSummarySerializer
from partners.models import Partner
from projects.api import ProjectSummarySerializer
from projects.models import Project

from . import extensions
from .models import AttendanceMode, Event, EventKind, EventStatus, Session, Speaker
from .services import event_create, event_delete, event_update


class SpeakerSerializer(TranslatedModelSerializer):
    partner = Related("partner", PartnerSummarySerializer, include_as="organisers")

    class Meta:
        model = Speaker
        fields = ("id", "name", "title", "organisation", "partner", "bio")


class SessionSerializer(TranslatedModelSerializer):
    speakers = SpeakerSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = ("id", "title", "description", "start", "end", "room", "speakers")


class EventSummarySerializer(PortalSerializer):
    api_view_name = "event"

    class Meta:
        model = Event
        fields = (*BASE_FIELDS, "title", "slug", "kind", "status", "start", "end")


class EventSerializer(EventSummarySerializer):
    city = Related("city", CitySerializer)
    organisers = Related("partner", PartnerSummarySerializer, many=True)
    related_projects = Related("project", ProjectSummarySerializer, many=True)
    focus_areas = Related("focusarea", FocusAreaSerializer, many=True)
    parent = Related("event", EventSummarySerializer)
    sessions = SessionSerializer(many=True, read_only=True)
    registration = serializers.SerializerMethodField(help_text="Registration state and whether places are left; null without registration.")

    class Meta:
        model = Event
        fields = (
            *EventSummarySerializer.Meta.fields, "summary", "description", "attendance_mode", "venue_name",
            "street_address", "postal_code", "city", "latitude", "longitude", "online_url", "registration_url",
            "organisers", "related_projects", "focus_areas", "parent", "sessions", "registration", *PUBLISHING, *TIMESTAMPS,
        )

    @extend_schema_field({"type": "object", "nullable": True})
    def get_registration(self, event) -> dict | None:
        # Filled by the registrations app through the hook, so events does not import it.
        return extensions.api_registration(event) or None


# Events live in modern times; far-off years would also render with local mean time
# offsets (e.g. +01:39:49) that are not valid RFC 3339.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


class EventWriteSerializer(StrictWriteSerializerMixin, TranslatedModelSerializer):
    """What a partner sends to create or change an event. Unknown fields are refused."""

    kind = serializers.ChoiceField(choices=EventKind.choices)
    status = serializers.ChoiceField(choices=EventStatus.choices, required=False)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    attendance_mode = serializers.ChoiceField(choices=AttendanceMode.choices, required=False)
    street_address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=12, required=False, allow_blank=True)
    city = serializers.PrimaryKeyRelatedField(queryset=City.objects.all(), required=False, allow_null=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-90, max_value=90)
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-180, max_value=180
    )
    online_url = serializers.URLField(max_length=200, required=False, allow_blank=True)
    registration_url = serializers.URLField(max_length=200, required=False, allow_blank=True)
    organisers = serializers.PrimaryKeyRelatedField(queryset=Partner.objects.all(), many=True, required=False)
    focus_areas = serializers.PrimaryKeyRelatedField(queryset=FocusArea.objects.all(), many=True, required=False)
    related_projects = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all(), many=True, required=False)
    state = serializers.ChoiceField(
        choices=PublishState.choices, required=False,
        help_text="draft (default: only your organisation and staff see it) or published.",
    )

    RELATIONS = ("organisers", "focus_areas", "related_projects")

    class Meta:
        model = Event
        fields = (
            "title", "summary", "description", "venue_name", "kind", "status", "start", "end", "attendance_mode",
            "street_address", "postal_code", "city", "latitude", "longitude", "online_url", "registration_url",
            "organisers", "focus_areas", "related_projects", "state",
        )
        extra_kwargs = {name: {"required": False} for name in ("summary", "description", "venue_name")}

    def _in_range(self, value):
        if not (EARLIEST <= value <= LATEST):
            raise serializers.ValidationError(_("Give a time between the years 1970 and 2199."))
        return value

    def validate_start(self, value):
        return self._in_range(value)

    def validate_end(self, value):
        return self._in_range(value)

    def validate(self, attrs):
        start = attrs.get("start", getattr(self.instance, "start", None))
        end = attrs.get("end", getattr(self.instance, "end", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end": [_("The event cannot end before it starts.")]})
        return attrs

    def split(self) -> tuple[dict, dict]:
        fields = dict(self.validated_data)
        relations = {name: fields.pop(name) for name in self.RELATIONS if name in fields}
        return fields, relations


class EventFilter(PortalFilterSet):
    focus_area = IdFilter(
        field_name="focus_areas", queryset=FocusArea.objects.all(), distinct=True, label=_("Focus area id.")
    )
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Kind of event."))
    status = django_filters.ChoiceFilter(choices=EventStatus.choices, label=_("scheduled, cancelled or postponed."))
    attendance_mode = django_filters.ChoiceFilter(choices=AttendanceMode.choices, label=_("In person, online or both."))
    city = IdFilter(queryset=City.objects.all(), label=_("City id."))
    country = django_filters.ChoiceFilter(field_name="city__country", choices=Country.choices, label=_("Country code of the city."))
    partner = IdFilter(
        field_name="organisers", queryset=Partner.objects.all(), distinct=True, label=_("Organised by this partner (id).")
    )
    project = IdFilter(
        field_name="related_projects", queryset=Project.objects.all(), distinct=True, label=_("Related to this project (id).")
    )
    start_after = IsoDateTimeFilter(field_name="start", lookup_expr="gte", label=_("Starts at or after (ISO-8601)."))
    start_before = IsoDateTimeFilter(field_name="start", lookup_expr="lte", label=_("Starts at or before (ISO-8601)."))
    end_after = IsoDateTimeFilter(field_name="end", lookup_expr="gte", label=_("Ends at or after (ISO-8601)."))
    end_before = IsoDateTimeFilter(field_name="end", lookup_expr="lte", label=_("Ends at or before (ISO-8601)."))
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))], method="filter_when",
        label=_("upcoming (not yet ended) or past (ended)."),
    )

    class Meta:
        model = Event
        fields: list[str] = []

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(end__gte=now) if value == "upcoming" else queryset.filter(end__lt=now)


EVENT_EXAMPLE = {
    "title": {"fi": "Älykkäät kaupungit -seminaari", "sv": "Seminarium om smarta städer", "en": "Smart cities seminar"},
    "kind": "seminar",
    "start": "2026-05-12T09:00:00+03:00",
    "end": "2026-05-12T12:00:00+03:00",
    # No organisers: an id in an example names no real organisation; the key's own is added.
    "state": "draft",
}


@extend_schema_view(
    list=extend_schema(summary="List events", description="With sessions and speakers; ?format=ics gives iCalendar."),
    retrieve=extend_schema(summary="One event", description="By id, public id or slug in any language."),
    create=extend_schema(
        summary="Create an event",
        description="Needs a write key. A partner's organisation must be among the organisers.",
        request=EventWriteSerializer,
        responses=responses_with_errors("201", EventSerializer),
        examples=[OpenApiExample("New event", value=EVENT_EXAMPLE, request_only=True)],
    ),
    update=extend_schema(
        summary="Replace an event", description="Only events your organisation organises.",
        request=EventWriteSerializer, responses=responses_with_errors("200", EventSerializer),
    ),
    partial_update=extend_schema(
        summary="Change an event", description="Only events your organisation organises; it must stay an organiser.",
        request=EventWriteSerializer, responses=responses_with_errors("200", EventSerializer),
        examples=[OpenApiExample("Cancel", value={"status": "cancelled"}, request_only=True)],
    ),
    destroy=extend_schema(summary="Delete an event", description="Staff keys only; partners mirror it as a tombstone."),
)
class EventViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, PortalViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    renderer_classes = [JSONRenderer, CSVRenderer, ICalendarRenderer]
    include_names = ("organisers", "related_projects", "focus_areas", "city", "parent")
    ordering = ("-start", "pk")
    ordering_fields_map = {"start": "start", "end": "end", "title": "title_fi", "modified": "modified_at", "created": "created_at"}
    csv_column_names = {"start": "startDate", "end": "endDate", "modified_at": "contentUpdateDate"}

    def base_queryset(self):
        return Event.objects.all()

    def related(self, queryset):
        return extensions.api_queryset(queryset).select_related("city", "parent").prefetch_related(
            "organisers", "related_projects", "focus_areas",
            models.Prefetch("sessions", queryset=Session.objects.prefetch_related(
                models.Prefetch("speakers", queryset=Speaker.objects.select_related("partner"))
            )),
        )

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return EventWriteSerializer
        return super().get_serializer_class()

    def _respond(self, event, status_code):
        event = self.get_queryset().get(pk=event.pk)
        return Response(EventSerializer(event, context=self.get_serializer_context()).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = EventWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        fields, relations = serializer.split()
        event = event_create(
            event=Event(**fields),
            # Without organisers (or with none), a partner's event is its own organisation's.
            organisers=relations.get("organisers") or None,
            focus_areas=relations.get("focus_areas"),
            related_projects=relations.get("related_projects"),
            actor=self.actor,
        )
        return self._respond(event, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        event = self.get_object()
        serializer = EventWriteSerializer(event, data=request.data, partial=partial, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        fields, relations = serializer.split()
        for name, value in fields.items():
            setattr(event, name, value)
        event = event_update(
            event=event,
            organisers=relations.get("organisers"),
            focus_areas=relations.get("focus_areas"),
            related_projects=relations.get("related_projects"),
            actor=self.actor,
        )
        return self._respond(event, status.HTTP_200_OK)

    def perform_destroy(self, instance):
        event_delete(event=instance, actor=self.actor)
