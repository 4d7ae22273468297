"""API v1: each call's application form (sections, questions, attachment rules,
criteria, eligibility) and statistics, public like the calls; applications only for
staff keys and for a key with the applications scope whose organisation hosts the call."""

from __future__ import annotations

from django.http import Http404
from rest_framework import serializers, viewsets

from finest.api.authentication import actor_for
from finest.api.pagination import PagePagination
from finest.api.serializers import TranslatedModelSerializer
from finest.api.views import is_id
from living_lab.models import OpenCall

from . import permissions, selectors
from .models import Application, ApplicationsAPIGrant, CallForm, Criterion, FormSection, Question


class QuestionSerializer(TranslatedModelSerializer):
    class Meta:
        model = Question
        fields = ("id", "text", "help_text", "required", "max_length")


class SectionSerializer(TranslatedModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = FormSection
        fields = ("id", "title", "questions")


class CriterionSerializer(TranslatedModelSerializer):
    class Meta:
        model = Criterion
        fields = ("id", "name", "description", "weight")


class CallFormSerializer(TranslatedModelSerializer):
    open_call = serializers.PrimaryKeyRelatedField(source="call", read_only=True)
    eligible_countries = serializers.ListField(source="country_codes", child=serializers.CharField(), read_only=True)
    max_grant = serializers.DecimalField(source="call.max_grant", max_digits=12, decimal_places=2, read_only=True)
    sections = SectionSerializer(many=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    statistics = serializers.SerializerMethodField()

    class Meta:
        model = CallForm
        fields = (
            "id", "open_call", "is_active", "intro", "attachments_required", "attachments_max", "attachment_max_mb",
            "attachment_max_pages", "score_max", "eligible_countries", "requires_cross_border", "max_grant",
            "sections", "criteria", "statistics",
        )

    def get_statistics(self, obj) -> dict | None:
        """Received, selected and by country, once the call has closed."""
        if permissions.call_is_open(obj.call) or obj.call.call_state != "closed":
            return None
        return selectors.call_statistics(obj.call)


class CallFormViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CallFormSerializer
    pagination_class = PagePagination
    # Any path segment reaches the view, so that a malformed id gets the API's JSON 404, not the site's page.
    lookup_value_regex = "[^/]+"

    def get_object(self):
        if not is_id(str(self.kwargs[self.lookup_field])):
            raise Http404
        return super().get_object()

    def get_queryset(self):
        return CallForm.objects.filter(call__in=OpenCall.objects.published()).select_related("call").prefetch_related(
            "sections__questions", "criteria",
        ).order_by("-call__deadline", "pk")


class ApplicationSerializer(serializers.ModelSerializer):
    open_call = serializers.PrimaryKeyRelatedField(source="call", read_only=True)
    cities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    # A plain string: the model's choices allow "" (not given yet), unlike the partners' country enum.
    company_country = serializers.CharField(read_only=True, help_text="FI, EE, XX (another country) or empty.")
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = (
            "public_id", "open_call", "status", "submitted_at", "company_name", "business_id", "company_country",
            "contact_name", "email", "title", "summary", "cities", "requested_grant", "answers", "decision", "attachments",
        )

    def get_attachments(self, obj) -> list[dict]:
        return [{"name": a.original_name, "size": a.size, "pages": a.pages} for a in obj.attachments.all()]


class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ApplicationSerializer
    pagination_class = PagePagination
    lookup_field = "public_id"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        key = getattr(self.request, "auth", None)
        grant = key is not None and ApplicationsAPIGrant.objects.filter(key=key).exists()
        queryset = Application.objects.select_related("call").prefetch_related("cities", "attachments").order_by("-submitted_at", "pk")
        return permissions.visible_applications(actor_for(self.request), queryset, api_grant=grant)


def register(router) -> None:
    """The API router's one line for this app."""
    router.register("call-forms", CallFormViewSet, basename="callform")
    router.register("applications", ApplicationViewSet, basename="application")
