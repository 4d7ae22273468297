"""What every resource's FilterSet shares: ``q`` for text search in the chosen (or
default) language, and an ordering filter that rejects unknown fields with a 400
instead of ignoring them, and always ends with the id so pages are stable."""

from __future__ import annotations

import re
from datetime import UTC

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField, ModelChoiceField
from rest_framework import serializers
from rest_framework.filters import OrderingFilter

from searchindex.querysets import text_search

# RFC 3339, which the schema's format date-time means: a time zone is required. Python and
# Django would also take a bare date, a time without seconds or zone, or a space for the T.
RFC3339_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")
DATETIME_MESSAGE = _("Give an ISO-8601 date and time with a time zone, e.g. 2026-01-31T12:00:00Z.")
# The schema's format date: Django's other input formats (31/01/2026, 2026-1-31) are refused.
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _BoundedIsoDateTimeField(IsoDateTimeField):
    def to_python(self, value):
        if value not in self.empty_values and not RFC3339_DATETIME.match(str(value).strip()):
            raise ValidationError(DATETIME_MESSAGE, code="invalid")
        try:
            value = super().to_python(value)
            if value is not None:
                # In UTC: PostgreSQL refuses offsets beyond ±15:59, which Python accepts up to ±23:59.
                value = value.astimezone(UTC)
        except OverflowError as error:
            # Times at the edge of the calendar cannot be converted to UTC for the database.
            raise ValidationError(_("This time is out of range."), code="invalid") from error
        return value


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """ISO-8601 times with a time zone; times that cannot be stored are a 400, not a 500."""

    field_class = _BoundedIsoDateTimeField


class _IsoDateField(forms.DateField):
    input_formats = ["%Y-%m-%d"]

    def to_python(self, value):
        if value not in self.empty_values and not ISO_DATE.match(str(value).strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class DateFilter(django_filters.DateFilter):
    """A date as YYYY-MM-DD only, as the schema says."""

    field_class = _IsoDateField


class _StrictBooleanField(forms.Field):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value in ("true", "false"):
            return value == "true"
        raise ValidationError(_("Use true or false."), code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    """true or false, as the schema's boolean is written in a query; anything else is a 400
    (django-filter would read it as no filter)."""

    field_class = _StrictBooleanField


_UNKNOWN = object()
_MAX_ID = 2**63 - 1


class _IdField(ModelChoiceField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValidationError(_("Enter a whole number."), code="invalid") from None
        if not 1 <= number <= _MAX_ID:
            # Beyond the database's integers no object can have this id.
            return _UNKNOWN
        try:
            return self.queryset.get(pk=number)
        except self.queryset.model.DoesNotExist:
            return _UNKNOWN


class IdFilter(django_filters.ModelChoiceFilter):
    """Filter by a related object's id. An id no object has matches nothing (an empty
    list), as a search would, instead of a 400: clients filter by ids they saw earlier."""

    field_class = _IdField


class PortalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Text search in the chosen language (Finnish by default)."))

    search_fields: tuple[str, ...] = ()

    def filter_queryset(self, queryset):
        # Here rather than in IdFilter.filter, which a filter's ``method=`` replaces.
        if any(value is _UNKNOWN for value in self.form.cleaned_data.values()):
            return queryset.none()
        return super().filter_queryset(queryset)

    def filter_q(self, queryset, name, value):
        language = getattr(self.request, "api_language", None) or settings.LANGUAGE_CODE
        if hasattr(queryset, "search"):
            return queryset.search(value, language)
        return text_search(queryset, value, list(self.search_fields), language)


class PortalOrderingFilter(OrderingFilter):
    """``ordering`` accepts the names in the view's ``ordering_fields`` (with ``-`` for
    descending)."""

    ordering_description = _(
        "Order by one or more fields, comma-separated; prefix with - for descending. "
        "For incremental sync use modified_since instead: ordering=modified is a plain list."
    )

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if not params:
            if request.query_params.get("q"):
                # Text search orders by relevance; a default order would undo that.
                return None
            return self.get_default_ordering(view)
        terms = [term.strip() for term in params.split(",") if term.strip()]
        allowed = dict(getattr(view, "ordering_fields_map", {}))
        invalid = [term for term in terms if term.lstrip("-") not in allowed]
        if invalid:
            raise serializers.ValidationError(
                {
                    self.ordering_param: [
                        _("Unknown ordering: %(invalid)s. Use one of: %(allowed)s.")
                        % {"invalid": ", ".join(invalid), "allowed": ", ".join(sorted(allowed))}
                    ]
                }
            )
        return [("-" if term.startswith("-") else "") + allowed[term.lstrip("-")] for term in terms]

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if ordering:
            return queryset.order_by(*ordering, "pk")
        return queryset

    def get_schema_operation_parameters(self, view):
        allowed = sorted(getattr(view, "ordering_fields_map", {}))
        choices = [*allowed, *[f"-{name}" for name in allowed]]
        term = "-?(?:" + "|".join(allowed) + ")"
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(self.ordering_description) + " " + str(_("Fields: ")) + ", ".join(allowed),
                # Any other name is a 400, so the schema lists the names.
                "schema": {"type": "string", "pattern": f"^(?:{term}(?:,{term})*)?$", "example": choices[0] if choices else "modified"},
            }
        ]
