"""API v1: Living Lab pilots (with KPIs and their per-city values; also GeoJSON) and
open calls. Partners with a write key report KPI values of the pilots they host or
take part in."""

from __future__ import annotations

import django_filters
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from finest.api.fields import Related
from finest.api.filters import BooleanFilter, IdFilter, IsoDateTimeFilter, PortalFilterSet
from finest.api.renderers import CSVRenderer, GeoJSONRenderer
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
from finest.core.models import City, Country, FocusArea
from partners.api import PartnerSummarySerializer
from partners.models import Partner
from projects.api import ProjectSummarySerializer
from projects.models import Project

from .models import KPI, KPIValue, OpenCall, OpenCallState, Pilot, PilotPhase
from .permissions import can_report_kpis
from .services import kpi_value_report

MAX_ID = 2**63 - 1


class KPIValueSerializer(TranslatedModelSerializer):
    city = Related("city", CitySerializer, include_as="cities")
    progress_percent = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = KPIValue
        fields = ("id", "city", "baseline", "target", "achieved", "measured_at", "progress_percent", "modified_at")


class KPISerializer(TranslatedModelSerializer):
    values = KPIValueSerializer(many=True, read_only=True)

    class Meta:
        model = KPI
        fields = ("id", "name", "unit", "higher_is_better", "values")


class OpenCallSummarySerializer(PortalSerializer):
    api_view_name = "opencall"
    state = serializers.ChoiceField(source="call_state", choices=OpenCallState.choices, read_only=True)

    class Meta:
        model = OpenCall
        fields = (*BASE_FIELDS, "title", "slug", "opens_at", "deadline", "state")


class OpenCallSerializer(OpenCallSummarySerializer):
    host = Related("partner", PartnerSummarySerializer)
    project = Related("project", ProjectSummarySerializer)
    focus_areas = Related("focusarea", FocusAreaSerializer, many=True)
    cities = Related("city", CitySerializer, many=True)

    class Meta:
        model = OpenCall
        fields = (
            *OpenCallSummarySerializer.Meta.fields, "summary", "description", "eligibility", "total_budget", "max_grant",
            "host", "project", "focus_areas", "cities", "application_url", *PUBLISHING, *TIMESTAMPS,
        )


class PilotSummarySerializer(PortalSerializer):
    api_view_name = "pilot"

    class Meta:
        model = Pilot
        fields = (*BASE_FIELDS, "title", "slug", "phase", "start_date", "end_date")


class PilotSerializer(PilotSummarySerializer):
    host = Related("partner", PartnerSummarySerializer, include_as="partners")
    participants = Related("partner", PartnerSummarySerializer, many=True, include_as="partners")
    cities = Related("city", CitySerializer, many=True)
    focus_area = Related("focusarea", FocusAreaSerializer)
    project = Related("project", ProjectSummarySerializer)
    open_call = Related("opencall", OpenCallSummarySerializer)
    is_cross_border = serializers.BooleanField(read_only=True)
    locations = serializers.SerializerMethodField()
    kpis = KPISerializer(many=True, read_only=True)

    class Meta:
        model = Pilot
        fields = (
            *PilotSummarySerializer.Meta.fields, "summary", "challenge", "solution", "results", "lessons_learned",
            "host", "participants", "cities", "focus_area", "project", "open_call", "is_cross_border", "locations",
            "kpis", *PUBLISHING, *TIMESTAMPS,
        )

    @extend_schema_field(
        {
            "type": "array",
            "description": "The pilot's cities as points (for maps; GeoJSON uses them).",
            "items": {
                "type": "object",
                "properties": {
                    "city": {"type": "integer"},
                    "latitude": {"type": "string", "format": "decimal"},
                    "longitude": {"type": "string", "format": "decimal"},
                },
            },
        }
    )
    def get_locations(self, obj):
        return [{"city": city.pk, "latitude": str(city.latitude), "longitude": str(city.longitude)} for city in obj.cities.all()]


class KPIReportSerializer(StrictWriteSerializerMixin, serializers.Serializer):
    kpi = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="The KPI's id (see the pilot's kpis).")
    city = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, help_text="The city's id; null or left out for the whole pilot."
    )
    achieved = serializers.DecimalField(max_digits=14, decimal_places=3, allow_null=True)
    measured_at = serializers.DateField(allow_null=True, required=False)


class PilotFilter(PortalFilterSet):
    phase = django_filters.ChoiceFilter(choices=PilotPhase.choices, label=_("Pilot phase."))
    focus_area = IdFilter(queryset=FocusArea.objects.all(), label=_("Focus area id."))
    city = IdFilter(field_name="cities", queryset=City.objects.all(), distinct=True, label=_("City id."))
    country = django_filters.ChoiceFilter(
        field_name="cities__country", choices=Country.choices, distinct=True, label=_("Pilots with a city in this country.")
    )
    partner = IdFilter(
        field_name="host", queryset=Partner.objects.all(), method="filter_partner",
        label=_("Hosted by or with the participation of this partner (id)."),
    )
    project = IdFilter(queryset=Project.objects.all(), label=_("Project id."))
    open_call = IdFilter(queryset=OpenCall.objects.all(), label=_("Selected in this open call (id)."))
    cross_border = BooleanFilter(method="filter_cross_border", label=_("true: pilots in both Finland and Estonia."))

    class Meta:
        model = Pilot
        fields: list[str] = []

    def filter_partner(self, queryset, name, value):
        return queryset.for_partner(value)

    def filter_cross_border(self, queryset, name, value):
        cross = Pilot.objects.cross_border().values("pk")
        return queryset.filter(pk__in=cross) if value else queryset.exclude(pk__in=cross)


class OpenCallFilter(PortalFilterSet):
    state = django_filters.ChoiceFilter(
        choices=OpenCallState.choices, method="filter_state", label=_("upcoming, open, closing_soon (14 days) or closed.")
    )
    focus_area = IdFilter(
        field_name="focus_areas", queryset=FocusArea.objects.all(), distinct=True, label=_("Focus area id.")
    )
    city = IdFilter(field_name="cities", queryset=City.objects.all(), distinct=True, label=_("City id."))
    country = django_filters.ChoiceFilter(
        field_name="cities__country", choices=Country.choices, distinct=True, label=_("Calls with a city in this country.")
    )
    partner = IdFilter(
        field_name="host", queryset=Partner.objects.all(), label=_("Organised by this partner (id).")
    )
    project = IdFilter(queryset=Project.objects.all(), label=_("Project id."))
    deadline_after = IsoDateTimeFilter(field_name="deadline", lookup_expr="gte", label=_("Deadline at or after."))

    class Meta:
        model = OpenCall
        fields: list[str] = []

    def filter_state(self, queryset, name, value):
        return queryset.filter(pk__in=OpenCall.objects.with_state(value).values("pk"))


@extend_schema_view(
    list=extend_schema(summary="List Living Lab pilots", description="With KPIs and their per-city values; ?format=geojson for maps."),
    retrieve=extend_schema(summary="One pilot", description="By id, public id or slug in any language."),
)
class PilotViewSet(PortalViewSet):
    serializer_class = PilotSerializer
    filterset_class = PilotFilter
    renderer_classes = [JSONRenderer, CSVRenderer, GeoJSONRenderer]
    include_names = ("partners", "cities", "focus_area", "project", "open_call")
    ordering = ("-start_date", "pk")
    ordering_fields_map = {
        "start_date": "start_date", "end_date": "end_date", "title": "title_fi", "phase": "phase",
        "modified": "modified_at", "created": "created_at",
    }
    csv_column_names = {"start_date": "startDate", "end_date": "endDate", "modified_at": "contentUpdateDate"}

    def may_write(self, actor, obj) -> bool:
        if self.action == "kpi_values":
            return can_report_kpis(actor, obj)
        return super().may_write(actor, obj)

    def base_queryset(self):
        return Pilot.objects.all()

    def related(self, queryset):
        return queryset.select_related("host", "focus_area", "project", "open_call").prefetch_related(
            "cities", "participants",
            models.Prefetch(
                "kpis",
                queryset=KPI.objects.prefetch_related(models.Prefetch("values", queryset=KPIValue.objects.select_related("city"))),
            ),
        )

    @extend_schema(
        summary="Report a KPI value",
        description=(
            "Needs a write key of an organisation that hosts or takes part in the pilot. Sets the achieved value "
            "and the measuring date of one KPI, for one city or (city null) the whole pilot."
        ),
        request=KPIReportSerializer,
        responses=responses_with_errors("200", KPIValueSerializer),
        examples=[
            OpenApiExample("Report", value={"kpi": 7, "city": 2, "achieved": "12.5", "measured_at": "2026-03-31"}, request_only=True)
        ],
    )
    @action(detail=True, methods=["post"], url_path="kpi-values")
    def kpi_values(self, request, *args, **kwargs):
        pilot = self.get_object()
        serializer = KPIReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        kpi_value = (
            KPIValue.objects.filter(kpi__pilot=pilot, kpi_id=data["kpi"], city_id=data.get("city")).select_related("city").first()
        )
        if kpi_value is None:
            raise serializers.ValidationError(
                {"kpi": [_("This pilot has no such KPI with a target for that city. Staff set the targets first.")]}
            )
        kpi_value = kpi_value_report(
            kpi_value=kpi_value, achieved=data["achieved"], measured_at=data.get("measured_at"), actor=self.actor
        )
        return Response(KPIValueSerializer(kpi_value, context=self.get_serializer_context()).data, status=status.HTTP_200_OK)


@extend_schema_view(
    list=extend_schema(summary="List open calls"),
    retrieve=extend_schema(summary="One open call", description="By id, public id or slug in any language."),
)
class OpenCallViewSet(PortalViewSet):
    serializer_class = OpenCallSerializer
    filterset_class = OpenCallFilter
    include_names = ("host", "project", "focus_areas", "cities")
    ordering = ("-deadline", "pk")
    ordering_fields_map = {
        "deadline": "deadline", "opens_at": "opens_at", "title": "title_fi", "modified": "modified_at", "created": "created_at",
    }
    csv_column_names = {"opens_at": "startDate", "deadline": "deadlineDate", "modified_at": "contentUpdateDate"}

    def base_queryset(self):
        return OpenCall.objects.all()

    def related(self, queryset):
        return queryset.select_related("host", "project").prefetch_related("focus_areas", "cities")
