"""Two ways through a list.

- Page numbers (``page``, ``page_size`` up to 100) with ``count``, ``next``,
  ``previous`` and ``results``: for browsing.
- The sync stream (``modified_since`` or a ``cursor``): keyset
  pages on the change log's (txid, entry id) that miss nothing and repeat nothing while the data
  changes; see finest/api/sync.py. Its pages have ``next`` (more is waiting) and
  ``resume`` (where the next sync run starts), and no ``count``.

``ordering=modified`` is a plain list in change order: the stream holds back what a still
running transaction could precede, a list must show a committed change at once. (Cursors
ending in ``-o``, which the stream once gave it, still page on without tombstones.)"""

from __future__ import annotations

import re
from datetime import UTC

from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .filters import DATETIME_MESSAGE, RFC3339_DATETIME
from .sync import EVERY_TOMBSTONE, TOMBSTONE_SCHEMA, Cursor, Tombstone, TombstoneReader, sync_page

MAX_PAGE_SIZE = 100
_WHOLE_NUMBER = re.compile(r"^-?[0-9]+$")


class PagePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = _("Results per page, at most 100.")

    def get_page_size(self, request):
        self.page_size = getattr(settings, "API_PAGE_SIZE", 20)
        return super().get_page_size(request)

    def get_paginated_response_schema(self, schema):
        return paginated_schema(schema)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                # DRF falls back to the default for anything but a whole number from 1, so any text is accepted.
                parameter["schema"] = {"type": "string"}
                parameter["description"] = str(
                    _("Results per page, at most 100; anything but a whole number from 1 gives the default.")
                )
        return parameters


def paginated_schema(schema):
    item = schema.get("items", schema)
    return {
        "type": "object",
        "required": ["next", "results"],
        "properties": {
            "count": {"type": "integer", "example": 123, "description": "All matching results (page-number lists only)."},
            "next": {"type": "string", "nullable": True, "format": "uri"},
            "previous": {"type": "string", "nullable": True, "format": "uri"},
            "resume": {
                "type": "string",
                "format": "uri",
                "description": "Sync lists only: where your next sync run continues. Store it and fetch it next time.",
            },
            "results": {"type": "array", "items": {"anyOf": [item, TOMBSTONE_SCHEMA]}},
        },
    }


def parse_since(raw: str | None):
    if raw in (None, ""):
        return None
    # A "+" sent unencoded in a query arrives as a space.
    raw = raw.replace(" ", "+")
    moment = None
    if RFC3339_DATETIME.match(raw):
        try:
            moment = parse_datetime(raw)
            if moment is not None and moment.tzinfo is not None:
                # Times at the edge of the calendar cannot be converted to UTC for the database.
                moment = moment.astimezone(UTC)
        except (ValueError, OverflowError):
            moment = None
    if moment is None or moment.tzinfo is None:
        raise serializers.ValidationError({"modified_since": [DATETIME_MESSAGE]})
    return moment


def check_page_number(request) -> None:
    """The schema says integer for ``page`` on every list. The sync stream and the exports have no
    page numbers and ignore one, but a page that is no number is a 400 there too (a plain list
    answers it with a 404, as for a page out of range)."""
    page = request.query_params.get("page", "")
    if page and not _WHOLE_NUMBER.match(page):
        raise serializers.ValidationError({"page": [_("Enter a whole number.")]})


def is_sync_request(request) -> bool:
    # Any cursor, even an empty one, is a sync request, so that a bad one is a 400 rather than a
    # silent plain list; an empty modified_since is no filter, like every other empty filter.
    params = request.query_params
    return "cursor" in params or bool(params.get("modified_since"))


class SyncPagination:
    """Keyset paging for the sync stream. The view gives it the filtered queryset and
    the reader's whole visible queryset (for tombstones)."""

    def paginate(self, *, request, queryset, visible, reader: TombstoneReader = EVERY_TOMBSTONE) -> list:
        self.request = request
        raw_cursor = request.query_params.get("cursor")
        cursor = Cursor.decode(raw_cursor) if raw_cursor is not None else None
        # Checked even beside a cursor, which wins: a malformed time is a 400 wherever it is sent.
        since = parse_since(request.query_params.get("modified_since"))
        if cursor is not None:
            since = None
        self.size = PagePagination().get_page_size(request)
        items, self.cursor = sync_page(
            queryset=queryset, visible=visible, since=since, cursor=cursor, size=self.size, reader=reader
        )
        self.full = len(items) == self.size
        return items

    def response(self, data: list) -> Response:
        url = remove_query_param(self.request.build_absolute_uri(), "page")
        url = remove_query_param(url, "modified_since")
        resume = replace_query_param(url, "cursor", self.cursor.encode())
        return Response({"next": resume if self.full else None, "previous": None, "resume": resume, "results": data})


def serialize_stream(items: list, serialize) -> list:
    """Serialize the model instances of a sync page in one go (so prefetching works)
    and put the tombstones back in their places."""
    objects = [item for item in items if not isinstance(item, Tombstone)]
    rendered = iter(serialize(objects))
    return [item.as_dict() if isinstance(item, Tombstone) else next(rendered) for item in items]
