"""API v1: focus areas and cities (read-only; they change only in the admin)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.renderers import JSONRenderer

from finest.api.filters import BooleanFilter, PortalFilterSet
from finest.api.renderers import CSVRenderer, GeoJSONRenderer
from finest.api.serializers import BASE_FIELDS, TIMESTAMPS, PortalSerializer
from finest.api.views import PortalViewSet

from .models import City, CityKind, Country, FocusArea


class FocusAreaSerializer(PortalSerializer):
    api_view_name = "focusarea"

    class Meta:
        model = FocusArea
        fields = (*BASE_FIELDS, "name", "slug", "description", "order", *TIMESTAMPS)


class CitySerializer(PortalSerializer):
    api_view_name = "city"

    class Meta:
        model = City
        fields = (
            *BASE_FIELDS, "name", "slug", "kind", "country", "latitude", "longitude", "is_innovation_city", "is_twin_city",
            "ecosystem_agreement_start", "ecosystem_agreement_end", *TIMESTAMPS,
        )


class FocusAreaFilter(PortalFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = FocusArea
        fields: list[str] = []


class CityFilter(PortalFilterSet):
    search_fields = ("name",)
    country = django_filters.ChoiceFilter(choices=Country.choices, label=_("Country code: FI, EE or XX."))
    kind = django_filters.ChoiceFilter(choices=CityKind.choices, label=_("City or region."))
    is_innovation_city = BooleanFilter(label=_("Only Innovation Cities (true) or only others (false)."))

    class Meta:
        model = City
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary="List focus areas", description="The Centre of Excellence's focus areas, in their order."),
    retrieve=extend_schema(summary="One focus area", description="By id, public id or slug in any language."),
)
class FocusAreaViewSet(PortalViewSet):
    serializer_class = FocusAreaSerializer
    filterset_class = FocusAreaFilter
    ordering = ("order", "pk")
    ordering_fields_map = {"order": "order", "name": "name_fi", "modified": "modified_at", "created": "created_at"}
    csv_column_names = {"id": "id"}

    def base_queryset(self):
        return FocusArea.objects.all()


@extend_schema_view(
    list=extend_schema(summary="List cities and regions", description="Also as GeoJSON points with ?format=geojson."),
    retrieve=extend_schema(summary="One city or region", description="By id, public id or slug in any language."),
)
class CityViewSet(PortalViewSet):
    serializer_class = CitySerializer
    filterset_class = CityFilter
    renderer_classes = [JSONRenderer, CSVRenderer, GeoJSONRenderer]
    ordering = ("name", "pk")
    ordering_fields_map = {"name": "name_fi", "country": "country", "modified": "modified_at", "created": "created_at"}

    def base_queryset(self):
        return City.objects.all()
