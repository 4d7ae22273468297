"""API v1: news articles, press releases and blog posts."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from events.api import EventSummarySerializer
from events.models import Event
from finest.api.fields import Related, TranslatedField
from finest.api.filters import IdFilter, IsoDateTimeFilter, PortalFilterSet
from finest.api.serializers import BASE_FIELDS, PUBLISHING, TIMESTAMPS, PortalSerializer
from finest.api.views import PortalViewSet
from finest.core.api import FocusAreaSerializer
from finest.core.models import FocusArea
from living_lab.api import PilotSummarySerializer
from living_lab.models import Pilot
from projects.api import ProjectSummarySerializer
from projects.models import Project

from .models import Article, ArticleKind


class ArticleSerializer(PortalSerializer):
    api_view_name = "article"
    focus_areas = Related("focusarea", FocusAreaSerializer, many=True)
    related_projects = Related("project", ProjectSummarySerializer, many=True)
    related_events = Related("event", EventSummarySerializer, many=True)
    related_pilots = Related("pilot", PilotSummarySerializer, many=True)
    # The picture's alt text lives in the media library now, so it is read here and edited there.
    image_alt = TranslatedField("alt", of="image")

    class Meta:
        model = Article
        fields = (
            *BASE_FIELDS, "kind", "title", "slug", "lead", "body", "author", "source_url", "image_alt", "focus_areas",
            "related_projects", "related_events", "related_pilots", *PUBLISHING, *TIMESTAMPS,
        )


class ArticleFilter(PortalFilterSet):
    kind = django_filters.ChoiceFilter(choices=ArticleKind.choices, label=_("news, press_release or blog."))
    focus_area = IdFilter(
        field_name="focus_areas", queryset=FocusArea.objects.all(), distinct=True, label=_("Focus area id.")
    )
    project = IdFilter(
        field_name="related_projects", queryset=Project.objects.all(), distinct=True, label=_("Related project id.")
    )
    event = IdFilter(
        field_name="related_events", queryset=Event.objects.all(), distinct=True, label=_("Related event id.")
    )
    pilot = IdFilter(
        field_name="related_pilots", queryset=Pilot.objects.all(), distinct=True, label=_("Related pilot id.")
    )
    published_after = IsoDateTimeFilter(field_name="published_at", lookup_expr="gte", label=_("Published at or after."))
    published_before = IsoDateTimeFilter(field_name="published_at", lookup_expr="lte", label=_("Published at or before."))

    class Meta:
        model = Article
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary="List news", description="Newest first."),
    retrieve=extend_schema(summary="One article", description="By id, public id or slug in any language."),
)
class ArticleViewSet(PortalViewSet):
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    include_names = ("focus_areas", "related_projects", "related_events", "related_pilots")
    ordering = ("-published_at", "-pk")
    ordering_fields_map = {"published": "published_at", "title": "title_fi", "modified": "modified_at", "created": "created_at"}
    csv_column_names = {"published_at": "publishedDate", "modified_at": "contentUpdateDate"}

    def base_queryset(self):
        return Article.objects.all()

    def related(self, queryset):
        return queryset.select_related("image").prefetch_related(
            "focus_areas", "related_projects", "related_events", "related_pilots"
        )
