"""OpenAPI: the parameters and error responses every endpoint shares, described once."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema_serializer
from rest_framework import serializers

from .renderers import EXPORT_FORMATS
from .sync import CURSOR_PATTERN


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Invalid filter value",
            value={
                "status": 400,
                "code": "invalid",
                "detail": "The request has invalid values.",
                "errors": {"start_after": ["Enter a valid date/time."]},
            },
            response_only=True,
            status_codes=["400"],
        ),
        OpenApiExample(
            "Unsupported language",
            value={
                "status": 400,
                "code": "unsupported_language",
                "detail": "The language de is not supported. Use one of: fi, sv, en.",
                "errors": {"lang": ["The language de is not supported. Use one of: fi, sv, en."]},
            },
            response_only=True,
            status_codes=["400"],
        ),
        OpenApiExample(
            "Another organisation's event",
            value={"status": 403, "code": "permission_denied", "detail": "Your API key does not allow this.", "errors": {}},
            response_only=True,
            status_codes=["403"],
        ),
        OpenApiExample(
            "Too many requests",
            value={
                "status": 429,
                "code": "throttled",
                "detail": "Request was throttled. Expected available in 42 seconds.",
                "errors": {},
            },
            response_only=True,
            status_codes=["429"],
        ),
    ]
)
class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code.")
    code = serializers.CharField(help_text="A machine-readable error code, e.g. invalid, not_found, throttled.")
    detail = serializers.CharField(help_text="A human-readable summary.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField()),
        help_text="Messages per field; non_field_errors for the request as a whole.",
    )


ERRORS = {
    "400": OpenApiResponse(ErrorSerializer, description="Invalid parameters or body; messages per field."),
    "401": OpenApiResponse(ErrorSerializer, description="The API key is unknown, expired or revoked."),
    "403": OpenApiResponse(ErrorSerializer, description="The key may not do this (for example another organisation's data)."),
    "404": OpenApiResponse(ErrorSerializer, description="No such object, or not visible to you; or a page number out of range."),
    "405": OpenApiResponse(ErrorSerializer, description="The method is not allowed here."),
    "413": OpenApiResponse(ErrorSerializer, description="The request body is larger than the API allows (1 MB by default)."),
    "415": OpenApiResponse(ErrorSerializer, description="The body is not application/json."),
    "429": OpenApiResponse(
        ErrorSerializer, description="Too many requests for this key or address; see the Retry-After header (seconds)."
    ),
}
GEOJSON_SCHEMA = {
    "type": "object",
    "description": "A GeoJSON FeatureCollection; each feature's properties are the object as in JSON.",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"type": "integer"},
                    "geometry": {"type": "object", "nullable": True},
                    "properties": {"type": "object"},
                },
            },
        },
    },
}
EXPORT_SCHEMAS = {
    "text/csv": {"type": "string", "description": "CSV with a header row; one column per language for translated fields."},
    "text/calendar": {"type": "string", "description": "iCalendar (RFC 5545) with one VEVENT per event."},
    "application/geo+json": GEOJSON_SCHEMA,
}
READ_ERRORS = ("400", "401", "404", "429")
# The middleware refuses a NUL anywhere in the query string or a JSON body with a 400
# (PostgreSQL's text columns cannot hold one), so the schema says free text excludes it.
NO_NUL_PATTERN = "^[^\\u0000]*$"
WRITE_ERRORS = ("400", "401", "403", "404", "413", "415", "429")


class PortalAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        # Reads are public: without a key you get what anyone may see. Actions that need a
        # key (the view's key_required_actions) keep the key as a requirement.
        action = getattr(self.view, "action", None)
        if self.method in ("GET", "HEAD") and action not in getattr(self.view, "key_required_actions", ()) and {} not in auths:
            auths = [*auths, {}]
        return auths

    def _view_formats(self) -> list[str]:
        return [renderer.format for renderer in getattr(self.view, "renderer_classes", []) if renderer.format in EXPORT_FORMATS]

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method not in ("GET", "HEAD") or not hasattr(self.view, "include_names"):
            return parameters
        supported = list(settings.LANGUAGE_CODES)
        parameters.append(
            OpenApiParameter(
                "lang",
                str,
                enum=supported,
                description=(
                    "Return translated fields as plain strings in this language, with the fallback "
                    "fi → en → sv, sv → fi → en, en → fi → sv. Without it (and without Accept-Language) "
                    "every translated field is an object {fi, sv, en}. An unsupported language gives a 400."
                ),
            )
        )
        parameters.append(
            OpenApiParameter(
                "Accept-Language",
                str,
                OpenApiParameter.HEADER,
                description="Used like ?lang= when ?lang= is not given: the first supported language wins.",
            )
        )
        if self.view.include_names:
            parameters.append(
                OpenApiParameter(
                    "include",
                    str,
                    description="Comma-separated relations to expand inline: " + ", ".join(self.view.include_names) + ".",
                    pattern=_list_pattern(self.view.include_names),
                    examples=[OpenApiExample("Expand", value=",".join(self.view.include_names[:2]))],
                )
            )
        formats = self._view_formats()
        if formats:
            parameters.append(
                OpenApiParameter(
                    "format",
                    str,
                    enum=["json", *formats],
                    description="Export format: csv (one column per language), ics (events), geojson (pilots, cities).",
                )
            )
        if getattr(self.view, "action", None) == "list" and getattr(self.view, "supports_sync", False):
            parameters.extend(
                [
                    OpenApiParameter(
                        "modified_since",
                        OpenApiTypes.DATETIME,
                        description=(
                            "ISO-8601 (RFC 3339) time with a time zone. Returns what was created or changed since then, "
                            "plus tombstones {id, public_id, deleted: true, time, reason} for what was deleted or "
                            "unpublished, in keyset pages ordered by (time, id). Follow `next`; store `resume` for "
                            "the next run. Ignored when `cursor` is given (the cursor already holds the position), "
                            "though a malformed value is still a 400. Empty: a plain list."
                        ),
                        examples=[OpenApiExample("Since", value="2026-01-31T12:00:00Z")],
                    ),
                    OpenApiParameter(
                        "cursor", {"type": "string", "pattern": CURSOR_PATTERN},
                        description=(
                            "A sync cursor from a previous page's next or resume link; it wins over modified_since. "
                            "An empty or malformed cursor is a 400."
                        ),
                    ),
                ]
            )
        return parameters

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        content = response.get("content")
        if not content:
            return response
        if str(status_code) >= "400":
            # Errors are always JSON, whatever format was asked for.
            response["content"] = {key: value for key, value in content.items() if key == "application/json"}
            return response
        for media_type, body in content.items():
            if media_type in EXPORT_SCHEMAS:
                body["schema"] = EXPORT_SCHEMAS[media_type]
        return response

    def get_response_serializers(self):
        serializers_ = super().get_response_serializers()
        if isinstance(serializers_, dict):
            return serializers_
        if self.method == "DELETE":
            success = {"204": None}
        elif self._is_create_operation():
            success = {"201": serializers_}
        else:
            success = {"200": serializers_}
        codes = WRITE_ERRORS if self.method in ("POST", "PUT", "PATCH", "DELETE") else READ_ERRORS
        if self.method in ("GET", "HEAD") and getattr(self.view, "action", None) != "list":
            codes = ("400", "401", "404", "429")
        return {**success, **{code: ERRORS[code] for code in codes}}


def _list_pattern(names) -> str:
    """A comma-separated list of some of ``names``, or nothing: the view refuses any other name with a 400."""
    name = "(?:" + "|".join(names) + ")"
    return f"^(?:{name}(?:,{name})*)?$"


# Query parameters whose empty value is a 400 rather than "no filter".
EMPTY_REFUSED = frozenset({"lang", "cursor"})


def forbid_nul(result, generator, request, public):
    """Postprocessing hook: free-text query parameters and request body strings may not hold a NUL,
    an empty filter value is allowed wherever the API takes it as no filter, and request bodies have
    no fields beyond those listed."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    _describe_query_value(parameter)
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            _walk(schema)
            # The write serializers refuse unknown fields (and translated values unknown languages) with a 400.
            if schema.get("type") == "object" and "additionalProperties" not in schema:
                schema["additionalProperties"] = False
    return result


def _describe_query_value(parameter: dict) -> None:
    schema = parameter.get("schema", {})
    _forbid_nul_in(schema)
    if parameter["name"] in EMPTY_REFUSED:
        return
    # An empty value is no filter (django-filter ignores it), so it is one of the choices.
    if "enum" in schema and "" not in schema["enum"]:
        schema["enum"] = [*schema["enum"], ""]
    elif schema.get("type") in ("boolean", "integer") or schema.get("format") in ("date", "date-time"):
        parameter["schema"] = {"anyOf": [schema, {"type": "string", "enum": [""]}]}


def _forbid_nul_in(schema: dict) -> None:
    if schema.get("type") == "string" and not ({"enum", "pattern", "format"} & schema.keys()):
        schema["pattern"] = NO_NUL_PATTERN


def _walk(schema) -> None:
    if isinstance(schema, dict):
        _forbid_nul_in(schema)
        for value in schema.values():
            _walk(value)
    elif isinstance(schema, list):
        for value in schema:
            _walk(value)


def responses_with_errors(code: str, serializer, errors=WRITE_ERRORS) -> dict:
    """For operations whose responses are declared explicitly with extend_schema."""
    return {code: serializer, **{error: ERRORS[error] for error in errors}}
