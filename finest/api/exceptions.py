"""Uniform error bodies for the API.

Every error answers with ``{"status", "code", "detail", "errors"}``: ``errors`` maps a
field (or ``non_field_errors``) to its messages. Validation errors raised by the
services (Django's ValidationError) become 400s with the same shape, so a rejected
write explains itself the same way whichever layer rejected it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "payload_too_large"


class UnsupportedLanguage(exceptions.ValidationError):
    default_code = "unsupported_language"


def django_errors_to_dict(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(message) for message in messages]
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": [str(message) for message in error.messages]}


def _flatten(detail) -> dict[str, list[str]] | None:
    if isinstance(detail, dict):
        return {str(field): _as_messages(messages) for field, messages in detail.items()}
    if isinstance(detail, list):
        return {"non_field_errors": _as_messages(detail)}
    return None


def _as_messages(messages) -> list:
    if isinstance(messages, dict):
        # Nested serializer errors keep their structure under the field.
        return [_flatten(messages)]
    if isinstance(messages, list):
        return [message if isinstance(message, dict) else str(message) for message in messages]
    return [str(messages)]


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_errors_to_dict(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = getattr(exc, "detail", None)
    errors = _flatten(detail) if isinstance(exc, exceptions.ValidationError) else None
    if errors is not None:
        message = str(_("The request has invalid values."))
        if isinstance(exc, UnsupportedLanguage):
            message = errors.get("lang", [message])[0]
    else:
        message = str(detail) if detail is not None else str(exc)
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    code = codes if isinstance(codes, str) else getattr(exc, "default_code", "error")
    response.data = {
        "status": response.status_code,
        "code": code,
        "detail": message,
        "errors": errors or {},
    }
    return response
