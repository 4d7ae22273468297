"""The public partner list, filtered by type and country. The detail page gathers
the partner's projects, pilots, events and calls, so it lives in website.views:
partners imports no other domain app."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.http import require_GET

from finest.core.lists import FilterForm, list_page
from finest.core.models import Country
from finest.core.pagecache import cached_page

from .models import Partner, PartnerType

PAGE_SIZE = 24


class PartnerFilterForm(FilterForm):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All")), *PartnerType.choices]
        self.fields["country"].choices = [("", _("All")), *Country.choices]


@require_GET
@cached_page(depends=("partners.partner", "core.city"))
def partner_list(request):
    form = PartnerFilterForm(request.GET or None)
    filters = form.valid_filters()
    queryset = Partner.objects.published().with_listing_related()
    if filters.get("type"):
        queryset = queryset.filter(type=filters["type"])
    if filters.get("country"):
        queryset = queryset.filter(country=filters["country"])
    queryset = queryset.order_by("name", "pk")
    if filters.get("q"):
        # Search ranks its results on PostgreSQL, which replaces the alphabetical order.
        queryset = queryset.search(filters["q"], translation.get_language())
    listing = list_page(
        request,
        queryset,
        per_page=PAGE_SIZE,
        count_text=ngettext_lazy("%(counter)s partner", "%(counter)s partners", "counter"),
    )
    context = {
        "form": form,
        "ignored_filters": form.ignored_labels(),
        **listing,
        "partners": listing["page_obj"].object_list,
    }
    return render(request, "partners/partner_list.html", context)
