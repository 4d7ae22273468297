"""Serializer fields shared by every resource.

``TranslatedField`` is the API's one way to show a translated model field: an object
``{"fi": …, "sv": …, "en": …}`` (null where a language is missing), or, when the
client chose a language (``?lang=`` or ``Accept-Language``), a plain string in that
language with the portal's documented fallback (finest.core.i18n.translated).

``Related`` shows related objects as ``{"id", "url"}`` and expands them inline when
the client names the relation in ``include=``."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type
from rest_framework import serializers

from finest.core.i18n import available_languages, raw_value, translated
from finest.core.permissions import Actor, policy_for
from finest.core.richtext import RichTextField


class TranslationsSerializer(serializers.Serializer):
    """The schema of a translated value: one key per portal language."""

    fi = serializers.CharField(allow_null=True, required=False, allow_blank=True)
    sv = serializers.CharField(allow_null=True, required=False, allow_blank=True)
    en = serializers.CharField(allow_null=True, required=False, allow_blank=True)


class TranslatedField(serializers.Field):
    def __init__(self, field_name: str | None = None, of: str | None = None, **kwargs):
        """``of`` reads the field from a related object (``TranslatedField("name", of="partner")``)."""
        self.translated_name = field_name
        self.of = of
        kwargs["source"] = "*"
        if of:
            kwargs["read_only"] = True
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.translated_name = self.translated_name or field_name

    def to_representation(self, obj):
        language = self.context.get("language")
        if self.of:
            obj = getattr(obj, self.of)
            if obj is None:
                # An optional relation (a picture not chosen): the same shape, with nothing in it.
                return "" if language else dict.fromkeys(settings.LANGUAGE_CODES)
        if language:
            return translated(obj, self.translated_name, language).value
        return {code: raw_value(obj, self.translated_name, code) or None for code in settings.LANGUAGE_CODES}

    def to_internal_value(self, data):
        language = self.context.get("language")
        if isinstance(data, str):
            # A plain string is in the chosen language, else in the site's default (Finnish).
            data = {language or settings.LANGUAGE_CODE: data}
        if not isinstance(data, dict):
            raise serializers.ValidationError(_("Give an object with the keys fi, sv and en."))
        unknown = sorted(set(data) - set(settings.LANGUAGE_CODES))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown languages: %(unknown)s. The supported languages are %(supported)s.")
                % {"unknown": ", ".join(unknown), "supported": ", ".join(settings.LANGUAGE_CODES)}
            )
        values = {}
        for code, value in data.items():
            if value is not None and not isinstance(value, str):
                raise serializers.ValidationError(_("Each language's value must be a string or null."))
            values[f"{self.translated_name}_{code}"] = value or ""
        return values


class LanguagesField(serializers.ReadOnlyField):
    """The languages in which the object really has its main text (no fallbacks)."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return available_languages(obj)


def is_visible_to(context, obj) -> bool:
    """Whether a related object may appear in another object's representation: the
    model's permission policy decides (only public ones, unless the reader is staff)."""
    return policy_for(obj).shown_in_relations(context.get("actor") or Actor.anonymous(), obj)


def api_url(context, view_name: str, pk) -> str:
    path = reverse(f"api:{view_name}-detail", kwargs={"pk": pk})
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class Related(serializers.Field):
    """A relation shown as ``{"id", "url"}`` (a list for to-many relations), or, when
    ``include=<name>`` asks for it, as the related objects' summaries inline. The
    viewset prefetches every relation, so neither form costs a query per row."""

    def __init__(
        self, view_name: str, summary: type[serializers.Serializer], many: bool = False, include_as: str | None = None, **kwargs
    ):
        self.view_name = view_name
        self.summary = summary
        self.many = many
        self.include_as = include_as
        kwargs["read_only"] = True
        if not many:
            kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        if self.many:
            return [obj for obj in value.all() if is_visible_to(self.context, obj)]
        if value is not None and not is_visible_to(self.context, value):
            return None
        return value

    def to_representation(self, value):
        expand = (self.include_as or self.field_name) in self.context.get("include", ())
        if self.many:
            if expand:
                return self.summary(value, many=True, context=self.context).data
            return [{"id": obj.pk, "url": api_url(self.context, self.view_name, obj.pk)} for obj in value]
        if expand:
            return self.summary(value, context=self.context).data
        return {"id": value.pk, "url": api_url(self.context, self.view_name, value.pk)}


REFERENCE_SCHEMA = {
    "type": "object",
    "description": "A related object: its id and its API address. Name the relation in `include=` to get it inline.",
    "properties": {
        "id": {"type": "integer", "example": 1},
        "url": {"type": "string", "format": "uri", "example": "https://finesttwins.example/api/v1/partners/1/"},
    },
    "required": ["id", "url"],
}


RICH_TEXT_DESCRIPTION = (
    " Rich text: HTML limited to the tags p, br, strong, em, a (http, https, mailto, tel), h2–h4, ul, ol, li,"
    " blockquote, table rows and cells, code, pre and img (only the portal's own media, with alt text)."
    " What a key writes is sanitised the same way before it is stored: other tags, attributes, scripts and"
    " unsafe links are removed, and plain text becomes paragraphs."
)


def is_rich_text(field: TranslatedField) -> bool:
    """Whether a translated serializer field shows a rich-text model field (finest.core.richtext)."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or field.of:
        return False
    try:
        model_field = model._meta.get_field(field.translated_name)
    except FieldDoesNotExist:
        return False
    return isinstance(model_field, RichTextField)


class TranslatedFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "finest.api.fields.TranslatedField"

    def map_serializer_field(self, auto_schema, direction):
        component = auto_schema.resolve_serializer(TranslationsSerializer, direction)
        description = "Translated text: an object with one key per language, or a string when a language is chosen."
        if is_rich_text(self.target):
            description += RICH_TEXT_DESCRIPTION
        text = {
            "type": "string",
            "description": "The value in the language chosen with `?lang=` (with fallback); written without `?lang=`, it is Finnish.",
        }
        if direction == "request" and self.target.required:
            # A required text (a title) may not be blank in the language written.
            text["minLength"] = 1
        return {"oneOf": [component.ref, text], "description": description}


class LanguagesFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "finest.api.fields.LanguagesField"

    def map_serializer_field(self, auto_schema, direction):
        schema = build_array_type({"type": "string", "enum": list(settings.LANGUAGE_CODES)})
        schema["description"] = "The languages in which the object really has its text (without fallbacks)."
        schema["readOnly"] = True
        return schema


class RelatedSchema(OpenApiSerializerFieldExtension):
    target_class = "finest.api.fields.Related"

    def map_serializer_field(self, auto_schema, direction):
        summary = auto_schema.resolve_serializer(self.target.summary, direction)
        single = {"anyOf": [REFERENCE_SCHEMA, summary.ref]}
        schema = build_array_type(single) if self.target.many else {**single, "nullable": True}
        schema["readOnly"] = True
        return schema

