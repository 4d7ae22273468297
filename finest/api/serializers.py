"""The base serializers every resource's serializers extend.

``TranslatedModelSerializer`` maps each translated model field (as modeltranslation
registered it) that a serializer names in ``Meta.fields`` to ``TranslatedField``, so
no serializer declares one by hand; ``Meta.extra_kwargs`` still tunes them
(``{"summary": {"required": False}}``)."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from finest.core.i18n import absolute_url, translation_fields, url_in_language

from .fields import LanguagesField, TranslatedField, api_url


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
