"""The API's read cache and its validators, both from the versions of the resource's content
(finest/core/versions.py).

A list or detail GET is keyed by the viewset, the full path (query, ``lang=``, ``include=``,
page, format), the negotiation headers, who asks and the versions of the labels the
resource's change-log entries are recorded under (parts and shown content bump those). The
ETag is that key's hash and Last-Modified the newest version's time, so a conditional GET is
answered 304 after one query, before anything is looked up or rendered.

Not cached: sync requests (their cursors are per partner), and any actor who may see drafts
(a write key, staff): their answers are computed and validated from their bytes as before."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from finest.core import changelog, versions
from finest.core.pagecache import local
from finest.core.permissions import sees_own_drafts

from .pagination import is_sync_request

HEADER = "X-API-Cache"
_STORED_HEADERS = ("Content-Type", "Content-Disposition", "Link")


class Entry:
    """What one cacheable request is keyed and validated by."""

    def __init__(self, view, request):
        model = view.base_queryset().model
        found = versions.current(changelog.logged_as(model))
        day = timezone.localdate().isoformat()
        actor = view.actor
        who = f"key:{actor.organisation.pk}" if actor.organisation is not None else "public"
        raw = "\n".join(
            (
                f"{type(view).__module__}.{type(view).__qualname__}.{view.action}",
                request.get_full_path(),
                request.META.get("HTTP_ACCEPT", ""),
                request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
                who,
                # Filters such as "ongoing" move with the date alone.
                day,
                *(version.token for version in found),
            )
        )
        digest = hashlib.sha256(raw.encode()).hexdigest()
        self.key = "api:" + digest
        self.etag = f'"{digest[:40]}"'
        self.last_modified = versions.last_modified(versions.last_changed(found))
        # What the page cache's fast path checks a stored finished answer against (anonymous only).
        self.made_from = (tuple(version.label for version in found), versions.states(found), day)
        self.request = request._request

    def validators(self, response) -> None:
        response["ETag"] = self.etag
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified.header)

    def not_modified(self, request):
        """The 304 (or 412) this request's conditions give, else None."""
        compare = self.last_modified.compare if self.last_modified else None
        response = get_conditional_response(request, etag=self.etag, last_modified=compare)
        if response is not None:
            self.validators(response)
        return response

    def stored(self):
        frozen = local.get(self.key)
        if frozen is None:
            frozen = cache.get(self.key)
            if frozen is not None:
                local.set(self.key, frozen, _timeout())
        if frozen is None:
            return None
        status, headers, content = frozen
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "hit"
        self.validators(response)
        self.request._page_cache = self.made_from
        return response

    def store(self, response) -> None:
        if response.status_code != 200 or response.cookies:
            return
        headers = [(name, response[name]) for name in _STORED_HEADERS if name in response]
        frozen = (response.status_code, headers, response.content)
        cache.set(self.key, frozen, _timeout())
        local.set(self.key, frozen, _timeout())
        response[HEADER] = "miss"
        self.request._page_cache = self.made_from


def entry_for(view, request) -> Entry | None:
    """The cache entry of this request, or None when it is not to be cached."""
    if not getattr(settings, "PAGE_CACHE", True) or request.method not in ("GET", "HEAD"):
        return None
    if is_sync_request(request) or sees_own_drafts(view.actor):
        return None
    return Entry(view, request)


def _timeout() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 600)
