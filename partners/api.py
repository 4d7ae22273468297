"""API v1: partner organisations (read-only through the API)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from finest.api.fields import Related, TranslatedField
from finest.api.filters import IdFilter, PortalFilterSet
from finest.api.serializers import BASE_FIELDS, PUBLISHING, TIMESTAMPS, PortalSerializer
from finest.api.views import PortalViewSet
from finest.core.api import CitySerializer
from finest.core.models import City, Country

from .models import Partner, PartnerType


class PartnerSummarySerializer(PortalSerializer):
    """A partner as it appears inline in other resources (``include=``)."""

    api_view_name = "partner"

    class Meta:
        model = Partner
        fields = (*BASE_FIELDS, "name", "short_name", "slug", "type", "country", "website")


class PartnerSerializer(PartnerSummarySerializer):
    city = Related("city", CitySerializer)
    logo_url = serializers.SerializerMethodField()
    # The logo's alt text lives in the media library now (read-only here).
    logo_alt = TranslatedField("alt", of="logo")

    class Meta:
        model = Partner
        fields = (
            *PartnerSummarySerializer.Meta.fields, "description", "city", "pic", "ror_id", "business_id",
            "vat_number", "is_sme", "street", "post_code", "post_office", "nuts_code",
            "logo_url", "logo_alt", *PUBLISHING, *TIMESTAMPS,
        )

    def get_logo_url(self, obj) -> str | None:
        if not obj.logo:
            return None
        request = self.context.get("request")
        url = obj.logo.url_for("logo")
        return request.build_absolute_uri(url) if request else url


class PartnerFilter(PortalFilterSet):
    type = django_filters.ChoiceFilter(choices=PartnerType.choices, label=_("Organisation type."))
    country = django_filters.ChoiceFilter(choices=Country.choices, label=_("Country code: FI, EE or XX."))
    city = IdFilter(queryset=City.objects.all(), label=_("City id."))

    class Meta:
        model = Partner
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary="List partner organisations"),
    retrieve=extend_schema(summary="One partner organisation", description="By id, public id or slug in any language."),
)
class PartnerViewSet(PortalViewSet):
    serializer_class = PartnerSerializer
    filterset_class = PartnerFilter
    include_names = ("city",)
    ordering = ("name_fi", "pk")
    ordering_fields_map = {"name": "name_fi", "country": "country", "type": "type", "modified": "modified_at", "created": "created_at"}
    csv_column_names = {
        "id": "organisationID", "name": "name", "short_name": "shortName", "type": "activityType", "country": "country",
        "city": "city", "website": "organizationURL", "pic": "pic", "modified_at": "contentUpdateDate",
    }

    def base_queryset(self):
        return Partner.objects.all()

    def related(self, queryset):
        return queryset.with_listing_related()
