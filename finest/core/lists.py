"""What every public list page shares: its GET filter form and its page of results.

Each list parses its filters with a ``FilterForm``, so a stale or mistyped link still
shows a page (an invalid value is ignored, the other filters still apply), and pages
its results with ``list_page``, which gives the templates ``page_obj``, ``page_range``
(for includes/pagination.html) and ``result_count`` (for includes/result_count.html)."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator


class FilterForm(forms.Form):
    """GET filters. Invalid values are ignored field by field."""

    def valid_filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value and name not in self.errors}

    def ignored_labels(self) -> list[str]:
        """The labels of the filters whose values were not recognised."""
        return [self.fields[name].label for name in self.errors] if self.is_bound else []


def list_page(request, queryset, *, per_page: int, count_text) -> dict:
    """The page the request asks for (the last one when the number is too high, the
    first when it is not a number) and its template context. ``count_text`` is an
    ``ngettext_lazy(singular, plural, "counter")``."""
    paginator = Paginator(queryset, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "result_count": count_text % {"counter": paginator.count},
    }
