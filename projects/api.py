"""API v1: projects with their consortium (participations), funding sources, work
packages and reported budget figures, and the participations as their own list
(CORDIS-style CSV). Budget figures marked internal are shown to staff keys only."""

from __future__ import annotations

import django_filters
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from finest.api.fields import Related, TranslatedField, is_visible_to
from finest.api.filters import DateFilter, IdFilter, PortalFilterSet
from finest.api.pagination import is_sync_request
from finest.api.renderers import CordisCSVRenderer
from finest.api.serializers import BASE_FIELDS, PUBLISHING, TIMESTAMPS, PortalSerializer, TranslatedModelSerializer, public_amount
from finest.api.views import PortalViewSet, is_id
from finest.core.api import CitySerializer, FocusAreaSerializer
from finest.core.models import City, Country, FocusArea
from partners.api import PartnerSummarySerializer
from partners.models import Partner

from . import cordis
from .models import (
    BudgetFigure,
    FundingProgramme,
    FundingSource,
    Participation,
    ParticipationRole,
    Project,
    ProjectKind,
    ProjectStatus,
    WorkPackage,
)


class FundingProgrammeSerializer(TranslatedModelSerializer):
    class Meta:
        model = FundingProgramme
        fields = ("id", "slug", "name", "instrument", "funder_name", "url", "framework_code")


class ParticipationSerializer(TranslatedModelSerializer):
    partner = Related("partner", PartnerSummarySerializer, include_as="partners")
    budget_share = serializers.SerializerMethodField()
    net_ec_contribution = serializers.SerializerMethodField()

    class Meta:
        model = Participation
        fields = ("id", "partner", "role", "budget_share", "net_ec_contribution", "start_date", "end_date", "order")

    @extend_schema_field({"type": "string", "format": "decimal", "nullable": True, "example": "1670000.00"})
    def get_budget_share(self, obj):
        value = public_amount(self.context, obj.budget_share, obj.budget_is_internal)
        return None if value is None else str(value)

    @extend_schema_field({"type": "string", "format": "decimal", "nullable": True})
    def get_net_ec_contribution(self, obj):
        value = public_amount(self.context, obj.net_ec_contribution, obj.budget_is_internal)
        return None if value is None else str(value)


class FundingSourceSerializer(TranslatedModelSerializer):
    funder = Related("partner", PartnerSummarySerializer, include_as="partners")
    amount = serializers.SerializerMethodField()

    class Meta:
        model = FundingSource
        fields = ("id", "funder", "funder_name", "amount", "order")

    @extend_schema_field({"type": "string", "format": "decimal", "nullable": True, "example": "15000000.00"})
    def get_amount(self, obj):
        value = public_amount(self.context, obj.amount, obj.is_internal)
        return None if value is None else str(value)


class WorkPackageSerializer(TranslatedModelSerializer):
    lead_partner = Related("partner", PartnerSummarySerializer, include_as="partners")
    budget = serializers.SerializerMethodField()

    class Meta:
        model = WorkPackage
        fields = ("id", "code", "title", "description", "lead_partner", "budget", "order")

    @extend_schema_field({"type": "string", "format": "decimal", "nullable": True})
    def get_budget(self, obj):
        value = public_amount(self.context, obj.budget, obj.budget_is_internal)
        return None if value is None else str(value)


class BudgetFigureSerializer(TranslatedModelSerializer):
    class Meta:
        model = BudgetFigure
        fields = ("id", "amount", "scope", "source_name", "source_url", "source_date")


class ProjectSummarySerializer(PortalSerializer):
    api_view_name = "project"
    status = serializers.ChoiceField(choices=ProjectStatus.choices, read_only=True)

    class Meta:
        model = Project
        fields = (*BASE_FIELDS, "acronym", "title", "slug", "kind", "status", "start_date", "end_date")


# The EU grant as CORDIS describes it (docs/cordis-exports.md).
GRANT_FIELDS = ("ec_max_contribution", "ec_signature_date", "legal_basis", "topics", "master_call", "sub_call", "funding_scheme")


class ProjectSerializer(ProjectSummarySerializer):
    focus_areas = Related("focusarea", FocusAreaSerializer, many=True)
    cities = Related("city", CitySerializer, many=True)
    funding_programme = FundingProgrammeSerializer(read_only=True, allow_null=True)
    total_budget = serializers.SerializerMethodField()
    participations = serializers.SerializerMethodField()
    funding_sources = serializers.SerializerMethodField()
    work_packages = WorkPackageSerializer(many=True, read_only=True)
    budget_figures = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = (
            *ProjectSummarySerializer.Meta.fields, "summary", "body", "results", "featured", "focus_areas", "cities", "funding_programme",
            "grant_agreement_id", *GRANT_FIELDS, "total_budget", "budget_source", "website", "participations", "funding_sources",
            "work_packages", "budget_figures", *PUBLISHING, *TIMESTAMPS,
        )

    @extend_schema_field({"type": "string", "format": "decimal", "nullable": True, "example": "6300000.00"})
    def get_total_budget(self, obj):
        value = public_amount(self.context, obj.total_budget, obj.budget_is_internal)
        return None if value is None else str(value)

    @extend_schema_field(ParticipationSerializer(many=True))
    def get_participations(self, obj):
        rows = [row for row in obj.participations.all() if is_visible_to(self.context, row.partner)]
        return ParticipationSerializer(rows, many=True, context=self.context).data

    @extend_schema_field(FundingSourceSerializer(many=True))
    def get_funding_sources(self, obj):
        return FundingSourceSerializer(obj.funding_sources.all(), many=True, context=self.context).data

    @extend_schema_field(BudgetFigureSerializer(many=True))
    def get_budget_figures(self, obj):
        actor = self.context.get("actor")
        rows = [row for row in obj.budget_figures.all() if not row.is_internal or (actor and actor.is_staff)]
        return BudgetFigureSerializer(rows, many=True, context=self.context).data


class ProjectFilter(PortalFilterSet):
    focus_area = IdFilter(
        field_name="focus_areas", queryset=FocusArea.objects.all(), distinct=True, label=_("Focus area id.")
    )
    status = django_filters.ChoiceFilter(
        choices=ProjectStatus.choices, method="filter_status",
        label=_("planned, ongoing or completed (set by staff or derived from the dates)."),
    )
    kind = django_filters.ChoiceFilter(choices=ProjectKind.choices, label=_("Kind of project."))
    city = IdFilter(field_name="cities", queryset=City.objects.all(), distinct=True, label=_("City id."))
    country = django_filters.ChoiceFilter(
        field_name="cities__country", choices=Country.choices, distinct=True, label=_("Projects with a city in this country.")
    )
    partner = IdFilter(
        field_name="participations__partner", queryset=Partner.objects.all(), method="filter_partner",
        label=_("Projects this partner (id) takes part in."),
    )
    role = django_filters.ChoiceFilter(
        choices=ParticipationRole.choices, method="filter_role",
        label=_("Projects with a participant in this role; with partner=, that partner's role."),
    )
    funding_programme = django_filters.CharFilter(
        method="filter_programme", label=_("Funding programme id or slug, e.g. horizon-2020-teaming.")
    )
    starts_after = DateFilter(field_name="start_date", lookup_expr="gte", label=_("Start date on or after."))
    ends_before = DateFilter(field_name="end_date", lookup_expr="lte", label=_("End date on or before."))

    class Meta:
        model = Project
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)

    def _participation(self, partner=None, role=None) -> models.Q:
        condition = {}
        partner = partner or self.form.cleaned_data.get("partner")
        role = role or self.form.cleaned_data.get("role")
        if partner:
            condition["partner"] = partner
        if role:
            condition["role"] = role
        return models.Q(pk__in=Participation.objects.filter(**condition).values("project"))

    def filter_partner(self, queryset, name, value):
        return queryset.filter(self._participation(partner=value))

    def filter_role(self, queryset, name, value):
        return queryset.filter(self._participation(role=value))

    def filter_programme(self, queryset, name, value):
        if is_id(value):
            # Ids beyond a 64-bit integer cannot exist; the database would reject the query.
            return queryset.filter(funding_programme_id=int(value)) if len(value) < 18 else queryset.none()
        return queryset.filter(funding_programme__slug=value)


@extend_schema_view(
    list=extend_schema(summary="List projects", description="With consortium, funding sources and work packages."),
    retrieve=extend_schema(summary="One project", description="By id, public id or slug in any language."),
)
class ProjectViewSet(PortalViewSet):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    include_names = ("focus_areas", "cities", "partners")
    ordering = ("-start_date", "pk")
    ordering_fields_map = {
        "start_date": "start_date", "end_date": "end_date", "acronym": "acronym", "title": "title_fi",
        "modified": "modified_at", "created": "created_at",
    }
    csv_column_names = {
        "acronym": "acronym", "title": "title", "status": "status", "start_date": "startDate", "end_date": "endDate",
        "total_budget": "totalCost", "summary": "objective", "funding_programme": "frameworkProgramme",
        "grant_agreement_id": "grantAgreementId", "modified_at": "contentUpdateDate",
    }

    renderer_classes = [*PortalViewSet.renderer_classes, CordisCSVRenderer]
    cordis_columns = cordis.PROJECT_COLUMNS

    def base_queryset(self):
        return Project.objects.all()

    def export_queryset(self, queryset, export):
        return cordis.cordis_projects(queryset) if export == "cordis" else queryset

    def export_rows(self, objects, export):
        if export != "cordis":
            return super().export_rows(objects, export)
        language = self.request.api_language or "en"
        return [cordis.project_row(project, language=language, actor=self.actor) for project in objects]

    def related(self, queryset):
        return queryset.select_related("funding_programme").prefetch_related(
            "focus_areas", "cities", "budget_figures",
            models.Prefetch("participations", queryset=Participation.objects.select_related("partner")),
            models.Prefetch("funding_sources", queryset=FundingSource.objects.select_related("funder")),
            models.Prefetch("work_packages", queryset=WorkPackage.objects.select_related("lead_partner")),
        )


class ParticipationExportSerializer(TranslatedModelSerializer):
    """One row per partner per project; in CSV with the CORDIS open-data column names."""

    project = serializers.IntegerField(source="project_id", read_only=True)
    project_acronym = serializers.CharField(source="project.acronym", read_only=True)
    partner = serializers.IntegerField(source="partner_id", read_only=True)
    name = TranslatedField("name", of="partner")
    short_name = serializers.CharField(source="partner.short_name", read_only=True)
    activity_type = serializers.CharField(source="partner.type", read_only=True)
    country = serializers.CharField(source="partner.country", read_only=True)
    website = serializers.CharField(source="partner.website", read_only=True)
    budget_share = serializers.SerializerMethodField()

    class Meta:
        model = Participation
        fields = (
            "id", "project", "project_acronym", "partner", "name", "short_name", "activity_type", "country", "website",
            "role", "budget_share", "start_date", "end_date", "order",
        )

    @extend_schema_field({"type": "string", "format": "decimal", "nullable": True})
    def get_budget_share(self, obj):
        value = public_amount(self.context, obj.budget_share, obj.budget_is_internal)
        return None if value is None else str(value)


class ParticipationFilter(PortalFilterSet):
    project = IdFilter(queryset=Project.objects.all(), label=_("Project id."))
    partner = IdFilter(queryset=Partner.objects.all(), label=_("Partner id."))
    role = django_filters.ChoiceFilter(choices=ParticipationRole.choices, label=_("Role in the project."))
    country = django_filters.ChoiceFilter(field_name="partner__country", choices=Country.choices, label=_("Partner's country."))

    class Meta:
        model = Participation
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        projects = Project.objects.search(value, getattr(self.request, "api_language", None))
        return queryset.filter(project__in=projects.values("pk"))


@extend_schema_view(
    list=extend_schema(
        summary="List project participations",
        description="Who takes part in which published project, in which role. ?format=csv uses CORDIS column names.",
    ),
    retrieve=extend_schema(summary="One participation"),
)
class ParticipationViewSet(PortalViewSet):
    """Participations have no publish state of their own: one is visible when both its
    project and its partner are. They are not part of the sync stream; sync projects."""

    serializer_class = ParticipationExportSerializer
    supports_sync = False
    filterset_class = ParticipationFilter
    ordering = ("project_id", "order", "pk")
    ordering_fields_map = {"project": "project_id", "partner": "partner_id", "role": "role", "order": "order"}
    csv_column_names = {
        "project": "projectID", "project_acronym": "projectAcronym", "partner": "organisationID", "name": "name",
        "short_name": "shortName", "activity_type": "activityType", "country": "country", "website": "organizationURL",
        "role": "role", "budget_share": "ecContribution", "start_date": "startDate", "end_date": "endOfParticipation",
        "order": "order",
    }

    renderer_classes = [*PortalViewSet.renderer_classes, CordisCSVRenderer]
    cordis_columns = cordis.ORGANIZATION_COLUMNS

    def base_queryset(self):
        return Participation.objects.all()

    def export_queryset(self, queryset, export):
        if export != "cordis":
            return queryset
        return queryset.exclude(project__grant_agreement_id="").select_related("partner__city")

    def export_rows(self, objects, export):
        if export != "cordis":
            return super().export_rows(objects, export)
        language = self.request.api_language or "en"
        return [cordis.organization_row(row, language=language, actor=self.actor) for row in objects]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Participation.objects.none()
        return self.visible().select_related("project", "partner")

    def list(self, request, *args, **kwargs):
        if is_sync_request(request):
            raise serializers.ValidationError(
                {"modified_since": [_("Participations are not synced on their own; sync projects instead.")]}
            )
        return super().list(request, *args, **kwargs)
