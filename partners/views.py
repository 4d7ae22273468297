"""Public partner pages: the list filtered by type and country, and the detail page
with the partner's projects, pilots, events and public contacts. Domain models are
looked up through the app registry: partners imports no domain app."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from finest.core.jsonld import partner_jsonld
from finest.core.lookup import resolve_slug
from finest.core.models import Country

from .models import Partner, PartnerType

PAGE_SIZE = 24
RELATED_LIMIT = 24


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All")), *PartnerType.choices]
        self.fields["country"].choices = [("", _("All")), *Country.choices]

    def valid_filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value and name not in self.errors}


@require_GET
def partner_list(request):
    form = PartnerFilterForm(request.GET or None)
    filters = form.valid_filters() if request.GET else {}
    queryset = Partner.objects.published().with_listing_related()
    if filters.get("type"):
        queryset = queryset.filter(type=filters["type"])
    if filters.get("country"):
        queryset = queryset.filter(country=filters["country"])
    queryset = queryset.order_by("name", "pk")
    if filters.get("q"):
        # Search ranks its results on PostgreSQL, which replaces the alphabetical order.
        queryset = queryset.search(filters["q"], translation.get_language())
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "ignored_filters": [form.fields[name].label for name in form.errors] if request.GET else [],
        "page_obj": page_obj,
        "partners": page_obj.object_list,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
    }
    return render(request, "partners/partner_list.html", context)


@require_GET
def partner_detail(request, slug):
    partner, redirect = resolve_slug(request, Partner.objects.select_related("city"), slug)
    if redirect:
        return redirect
    Project = apps.get_model("projects", "Project")
    Participation = apps.get_model("projects", "Participation")
    Pilot = apps.get_model("living_lab", "Pilot")
    Event = apps.get_model("events", "Event")
    OpenCall = apps.get_model("living_lab", "OpenCall")
    participations = (
        Participation.objects.filter(partner=partner, project__in=Project.objects.published())
        .select_related("project")
        .order_by("-project__start_date", "project__pk")[:RELATED_LIMIT]
    )
    pilots = (
        Pilot.objects.published().for_partner(partner).with_listing_related()[:RELATED_LIMIT]
    )
    context = {
        "page_object": partner,
        "partner": partner,
        "participations": participations,
        "pilots": pilots,
        "events": Event.objects.published().for_partner(partner).with_listing_related().order_by("-start", "pk")[:RELATED_LIMIT],
        "calls": OpenCall.objects.published().for_partner(partner).with_listing_related()[:RELATED_LIMIT],
        "contacts": partner.contacts.filter(is_public=True),
        "structured_data": partner_jsonld(partner),
    }
    return render(request, "partners/partner_detail.html", context)
