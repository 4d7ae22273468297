"""The base viewset every resource uses, and the API root.

A resource viewset declares its queryset, serializers, FilterSet, orderings and
includable relations; this base does the rest the same way everywhere: who is
asking and what they may see and change (the models' permission policies in
finest.core.permissions), the language, ``include=``, lookups by id, public
id or slug in any language, the two kinds of paging, export formats, conditional
requests and the request body limit."""

from __future__ import annotations

import hashlib
import uuid
from collections import OrderedDict

from django.conf import settings
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiExample, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from finest.core import changelog, versions
from finest.core.models import SlugHistory
from finest.core.permissions import Actor, policy_for

from . import cache as api_cache
from .authentication import actor_for
from .exceptions import PayloadTooLarge, UnsupportedLanguage
from .filters import PortalOrderingFilter
from .pagination import PagePagination, SyncPagination, check_page_number, is_sync_request, serialize_stream
from .renderers import EXPORT_FORMATS, CSVRenderer
from .sync import SYNC_AT, TombstoneReader, with_sync_time

WRITE_METHODS = ("POST", "PUT", "PATCH")
# The policy action an HTTP method asks for on an existing object.
METHOD_ACTIONS = {"POST": "change", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


def is_id(value: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts '²' and other digits int() refuses."""
    return value.isascii() and value.isdigit()


def negotiate_language(request) -> str | None:
    """``?lang=`` wins; otherwise the first supported language in Accept-Language.
    None means: every language, as ``{fi, sv, en}`` objects."""
    raw = request.query_params.get("lang")
    supported = list(settings.LANGUAGE_CODES)
    if raw is not None:
        code = raw.strip().lower().split("-")[0]
        if code not in supported:
            raise UnsupportedLanguage(
                {
                    "lang": [
                        _("The language %(language)s is not supported. Use one of: %(supported)s.")
                        % {"language": raw[:20], "supported": ", ".join(supported)}
                    ]
                }
            )
        return code
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for tag, _quality in parse_accept_lang_header(header):
        code = tag.split("-")[0].lower()
        if code in supported:
            return code
    return None


class PortalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    renderer_classes = [JSONRenderer, CSVRenderer]
    filter_backends = [DjangoFilterBackend, PortalOrderingFilter]
    pagination_class = PagePagination
    lookup_value_regex = "[^/]+"
    include_names: tuple[str, ...] = ()
    ordering_fields_map: dict[str, str] = {}
    csv_column_names: dict[str, str] = {}
    detail_serializer_class = None
    supports_sync = True

    # --- who, which language, what to expand ---------------------------------
    def initial(self, request, *args, **kwargs):
        # Messages (errors included) are in the chosen language, else in English: the
        # site's default (Finnish) would puzzle most partners' developers.
        translation.activate("en")
        super().initial(request, *args, **kwargs)
        self.actor = actor_for(request)
        request.api_language = negotiate_language(request)
        if request.api_language:
            translation.activate(request.api_language)
        self.include = self._parse_include(request)
        if request.method in WRITE_METHODS:
            self._check_body_size(request)

    def _parse_include(self, request) -> frozenset[str]:
        raw = request.query_params.get("include", "")
        names = {name.strip() for name in raw.split(",") if name.strip()}
        unknown = sorted(names - set(self.include_names))
        if unknown:
            raise ValidationError(
                {
                    "include": [
                        _("Cannot include %(unknown)s here. Relations you can include: %(allowed)s.")
                        % {"unknown": ", ".join(unknown), "allowed": ", ".join(self.include_names) or "-"}
                    ]
                }
            )
        return frozenset(names)

    @staticmethod
    def _check_body_size(request) -> None:
        limit = getattr(settings, "API_MAX_BODY_BYTES", 1024 * 1024)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            raise PayloadTooLarge(_("The request body may be at most %(limit)d bytes.") % {"limit": limit})

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["language"] = getattr(self.request, "api_language", None)
        context["include"] = getattr(self, "include", frozenset())
        context["actor"] = getattr(self, "actor", None)
        return context

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return super().get_serializer_class()

    # --- reads ----------------------------------------------------------------
    def base_queryset(self) -> models.QuerySet:
        raise NotImplementedError

    def visible(self) -> models.QuerySet:
        queryset = self.base_queryset()
        return policy_for(queryset.model).visible(self.actor, queryset)

    def may_write(self, actor: Actor, obj: models.Model) -> bool:
        """May ``actor`` make this request's change to ``obj``? Asked by PortalPermission;
        an action whose write is not a change of ``obj`` itself overrides it."""
        return policy_for(obj).can(actor, METHOD_ACTIONS.get(self.request.method, "change"), obj)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.base_queryset().none()
        return with_sync_time(self.related(self.visible()))

    def related(self, queryset: models.QuerySet) -> models.QuerySet:
        """The select_related/prefetch_related this resource's output needs."""
        return queryset

    def get_object(self):
        queryset = self.get_queryset()
        value = str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        obj = queryset.filter(self._lookup(value)).first()
        if obj is None and not is_id(value):
            history = SlugHistory.objects.filter(model_label=queryset.model._meta.label_lower, slug=value).first()
            if history is not None:
                obj = queryset.filter(pk=history.object_id).first()
        if obj is None:
            raise Http404
        self.check_object_permissions(self.request, obj)
        return obj

    def _lookup(self, value: str) -> models.Q:
        if is_id(value):
            return models.Q(pk=int(value)) if len(value) < 18 else models.Q(pk=None)
        model = self.base_queryset().model
        field_names = {field.name for field in model._meta.fields}
        try:
            public_id = uuid.UUID(value)
        except ValueError:
            public_id = None
        if public_id is not None:
            return models.Q(public_id=public_id) if "public_id" in field_names else models.Q(pk=None)
        condition = models.Q(pk=None)
        if hasattr(model, f"slug_{settings.LANGUAGE_CODES[0]}"):
            for code in settings.LANGUAGE_CODES:
                condition |= models.Q(**{f"slug_{code}": value})
        elif "slug" in field_names:
            condition = models.Q(slug=value)
        return condition

    def _answer_from_cache(self, request):
        """A 304 or the stored answer, before anything is looked up; else remember the entry to store."""
        entry = api_cache.entry_for(self, request)
        if entry is None:
            return None
        early = entry.not_modified(request) or entry.stored()
        if early is None:
            self.cache_entry = entry
        return early

    def list(self, request, *args, **kwargs):
        check_page_number(request)
        if (cached := self._answer_from_cache(request)) is not None:
            return cached
        queryset = self.filter_queryset(self.get_queryset())
        if is_sync_request(request):
            pagination = SyncPagination()
            items = pagination.paginate(
                request=request, queryset=queryset, visible=self.visible(), reader=TombstoneReader.of(self.actor)
            )
            self.last_modified_candidates = [getattr(item, SYNC_AT, None) for item in items]
            data = serialize_stream(items, lambda objects: self.get_serializer(objects, many=True).data)
            return pagination.response(data)
        if request.accepted_renderer.format in EXPORT_FORMATS:
            objects = list(self.export_queryset(queryset, request.accepted_renderer.format))
            self.last_modified_candidates = [getattr(obj, SYNC_AT, None) for obj in objects]
            return Response(self.export_rows(objects, request.accepted_renderer.format))
        page = self.paginate_queryset(queryset)
        self.last_modified_candidates = [getattr(obj, SYNC_AT, None) for obj in page]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        if (cached := self._answer_from_cache(request)) is not None:
            return cached
        obj = self.get_object()
        self.last_modified_candidates = [getattr(obj, SYNC_AT, None)]
        export = getattr(request.accepted_renderer, "format", "json")
        if getattr(request.accepted_renderer, "own_layout", False):
            # A format with its own row layout writes the object as its one row.
            rows = self.export_rows(list(self.export_queryset(self.get_queryset().filter(pk=obj.pk), export)), export)
            if not rows:
                raise NotFound()
            return Response(rows)
        return Response(self.get_serializer(obj).data)

    # --- exports ------------------------------------------------------------------
    def export_queryset(self, queryset, export: str):
        """The objects an export lists (a format may list fewer, e.g. CORDIS's EU grants only)."""
        return queryset

    def export_rows(self, objects, export: str):
        """An export's rows: the serializer's data, unless a format has its own layout."""
        return self.get_serializer(objects, many=True).data

    # --- responses --------------------------------------------------------------
    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and renderer is not None and renderer.format != "json":
            # Errors are always JSON, whatever export format was asked for.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = "application/json"
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Accept", "Accept-Language", "Authorization", "X-API-Key"))
        language = getattr(request, "api_language", None)
        response["Content-Language"] = language or ", ".join(settings.LANGUAGE_CODES)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and isinstance(response, Response):
            entry = getattr(self, "cache_entry", None)
            if entry is not None:
                # Validated before the work was done; the answer is stored under the same versions.
                response.render()
                entry.validators(response)
                entry.store(response)
                return response
            return self._conditional(request, response)
        return response

    def _conditional(self, request, response):
        """ETag from the exact bytes (so a different language, format or page gives a
        different tag) and Last-Modified from the objects shown and this resource's own
        change-log entries (a deletion or unpublication changes the list too); changes
        to other models leave both alone."""
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        candidates = [moment for moment in getattr(self, "last_modified_candidates", []) if moment is not None]
        last_change = changelog.last_change(*changelog.logged_as(self.base_queryset().model))
        if last_change is not None:
            candidates.append(last_change)
        last_modified = versions.last_modified(max(candidates) if candidates else None)
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.header)
        conditional = get_conditional_response(
            request, etag=etag, last_modified=last_modified.compare if last_modified else None, response=response
        )
        if conditional is not response:
            for header in ("Content-Language", "Vary"):
                if header in response:
                    conditional[header] = response[header]
        return conditional


class APIRootView(APIView):
    """The resources of the portal's API v1, with the schema and the documentation."""

    renderer_classes = [JSONRenderer]
    resources: OrderedDict[str, str] = OrderedDict()

    @extend_schema(
        summary="List the API's resources",
        responses={200: {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}},
        examples=[
            OpenApiExample(
                "Root",
                value={"projects": "https://finesttwins.example/api/v1/projects/", "schema": "https://finesttwins.example/api/v1/schema/"},
                response_only=True,
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        data = OrderedDict()
        # Every resource must reverse: a missing route is a misconfiguration to see, not to hide.
        for name, view_name in self.resources.items():
            data[name] = request.build_absolute_uri(reverse(view_name))
        data["schema"] = request.build_absolute_uri(reverse("api:schema"))
        data["docs"] = request.build_absolute_uri(reverse("api:docs"))
        return Response(data)


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema in the language asked for (``?lang=`` or Accept-Language), else in
    English, as the API's messages: the site's default, Finnish, would puzzle most developers."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        with translation.override(negotiate_language(request) or "en"):
            return super().get(request, *args, **kwargs)
