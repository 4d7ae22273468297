"""Partner API keys: ``Authorization: Api-Key <prefix>.<secret>`` or ``X-API-Key``."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from finest.core.permissions import Actor
from partners.services import api_key_authenticate

from .throttling import InvalidKeyThrottle

KEYWORD = "Api-Key"


class PartnerAPIKeyAuthentication(authentication.BaseAuthentication):
    """Authenticates the key and leaves ``request.user`` anonymous: a key stands for
    an organisation (or staff), not for a person. ``request.auth`` is the key."""

    def authenticate(self, request):
        raw = self._raw_key(request)
        if raw is None:
            return None
        throttle = InvalidKeyThrottle()
        if throttle.exhausted(request):
            raise exceptions.Throttled(throttle.wait())
        key = api_key_authenticate(raw)
        if key is None:
            throttle.record_failure(request)
            raise exceptions.AuthenticationFailed(_("The API key is unknown, expired or revoked."))
        return AnonymousUser(), key

    def authenticate_header(self, request) -> str:
        return KEYWORD

    @staticmethod
    def _raw_key(request) -> str | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header:
            keyword, _space, value = header.partition(" ")
            if keyword.lower() == KEYWORD.lower() and value.strip():
                return value.strip()
        value = request.META.get("HTTP_X_API_KEY", "").strip()
        return value or None


def actor_for(request) -> Actor:
    """The permission policy's view of who is asking."""
    key = getattr(request, "auth", None)
    if key is None:
        return Actor.anonymous()
    scopes = frozenset({"read", "write"}) if key.scope == "write" else frozenset({"read"})
    return Actor(organisation=key.organisation, scopes=scopes, is_staff=key.is_staff_key)


class PartnerAPIKeyScheme(OpenApiAuthenticationExtension):
    target_class = "finest.api.authentication.PartnerAPIKeyAuthentication"
    name = "PartnerAPIKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": (
                "A partner organisation's key, `<prefix>.<secret>`, created by staff in the admin. "
                "Send it as `X-API-Key: <key>` or `Authorization: Api-Key <key>`. "
                "Without a key you get published content, read-only."
            ),
        }
