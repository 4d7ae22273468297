"""The base serializers every resource's serializers extend.

``TranslatedModelSerializer`` maps each translated model field (as modeltranslation
registered it) that a serializer names in ``Meta.fields`` to ``TranslatedField``, so
no serializer declares one by hand; ``Meta.extra_kwargs`` still tunes them
(``{"summary": {"required": False}}``)."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from finest.core.i18n import absolute_url, translation_fields, url_in_language

from .fields import LanguagesField, TranslatedField, api_url


def _json_type(field) -> str | None:
    """The JSON type the schema gives a write field, where DRF would also take others
    (a number for a string, "5" for a number, "yes" for a boolean)."""
    if isinstance(field, serializers.BooleanField):
        return "boolean"
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        return "integer"
    if isinstance(field, serializers.FloatField):
        return "number"
    if isinstance(field, serializers.DecimalField):
        return "string" if getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING) else "number"
    if isinstance(
        field, serializers.CharField | serializers.ChoiceField | serializers.DateField | serializers.DateTimeField | serializers.TimeField
    ):
        return "string"
    return None


_PYTHON_TYPES = {"boolean": (bool,), "integer": (int,), "number": (int, float), "string": (str,)}


def json_type_error(field, value) -> str | None:
    """The JSON type ``value`` should have had for ``field``, or None when it has it."""
    if value is None:
        return None  # allow_null decides
    child = getattr(field, "child_relation", None) or getattr(field, "child", None)
    if isinstance(field, serializers.ManyRelatedField | serializers.ListField):
        if not isinstance(value, list):
            return "array"
        inner = next((error for item in value if (error := json_type_error(child, item))), None)
        return f"array of {inner}" if inner else None
    expected = _json_type(field)
    if expected is None:
        return None
    if isinstance(value, _PYTHON_TYPES[expected]) and not (expected != "boolean" and isinstance(value, bool)):
        return None
    return expected


class StrictWriteSerializerMixin:
    """What a client writes must be a JSON object with only the serializer's fields, each of the
    JSON type the schema gives it: the schema promises a 400 for anything else."""

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: [_("Unknown field.")] for name in unknown})
        errors = {}
        for name, value in data.items():
            field = self.fields[name]
            if field.read_only:
                continue
            expected = json_type_error(field, value)
            if expected:
                errors[name] = [_("Give a value of the JSON type %(expected)s.") % {"expected": expected}]
        if errors:
            raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class TranslatedModelSerializer(serializers.ModelSerializer):
    def build_field(self, field_name, info, model_class, nested_depth):
        if field_name in translation_fields(model_class):
            return TranslatedField, {}
        return super().build_field(field_name, info, model_class, nested_depth)


class PortalSerializer(TranslatedModelSerializer):
    """``id``, ``public_id``, the API ``url``, the public page ``web_url`` (in the chosen
    language, or Finnish) and ``languages`` (which languages the object really has)."""

    api_view_name: str = ""

    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    languages = LanguagesField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return api_url(self.context, self.api_view_name, obj.pk)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_web_url(self, obj) -> str | None:
        if not hasattr(obj, "get_absolute_url"):
            return None
        try:
            return absolute_url(url_in_language(obj, self.context.get("language") or settings.LANGUAGE_CODE))
        except NoReverseMatch:
            return None


BASE_FIELDS = ("id", "public_id", "url", "web_url", "languages")
TIMESTAMPS = ("created_at", "modified_at")
PUBLISHING = ("state", "published_at")


def public_amount(context, value, is_internal: bool):
    """Budget figures marked internal are shown to staff keys only."""
    actor = context.get("actor")
    if is_internal and not (actor and actor.is_staff):
        return None
    return value
