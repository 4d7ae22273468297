"""The public partner list, filtered by type and country. The detail page gathers
the partner's projects, pilots, events and calls, so it lives in website.views:
partners imports no other domain app."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from finest.core.models import Country

from .models import Partner, PartnerType

PAGE_SIZE = 24


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
