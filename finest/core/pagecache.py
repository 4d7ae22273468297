"""The public page cache: ``@cached_page(depends=(labels...))`` on an anonymous GET view.

A page is stored under its language, host, full path (query included) and the versions of
the content labels it shows (finest/core/versions.py), read in one query per request. A
change to any of them makes new keys, so invalidation needs no delete and no cache to be
up: with Redis down the versions still come from the database and the page is rendered.
Timeouts only bound the memory of entries nobody asks for any more.

Only what is the same for every visitor is stored. Skipped: other methods than GET/HEAD,
signed-in users (previews of drafts are theirs), a session or cookie holding messages,
responses that set cookies, use the CSRF token, are private or not 200.

In front of the shared cache each process keeps a small LRU copy (``PAGE_CACHE_LOCAL_ENTRIES``);
its keys include the versions too, so it is never staler than the shared one.

The fast path's entry also keeps the page gzipped, compressed once when stored: GZipMiddleware
above would otherwise compress it again on every hit for every browser. A stored page holds
nothing secret (no CSRF token, no session), so one compressed copy for everybody is safe."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from datetime import datetime, timedelta
from datetime import time as dt_time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

from finest.api.throttling import AnonymousRateThrottle

from . import changelog, versions

# Every page's layout shows the focus areas (navigation, the footer's newsletter form) and the menu
# and footer links from the page tree (pages/context_processors.py).
LAYOUT_DEPENDS = ("core.focusarea", "pages.page")
# For pages that show every kind of content (home, search, the sitemap, details with their relations).
ALL_CONTENT = ("*",)
HEADER = "X-Page-Cache"
_SKIPPED_HEADERS = {"set-cookie", HEADER.lower()}


class LocalLRU:
    """A bounded, thread-safe, per-process map of key -> (expiry, value)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] < time.monotonic():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[1]

    def set(self, key: str, value, timeout: float) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = (time.monotonic() + timeout, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


local = LocalLRU(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 256))


def clear() -> None:
    """Forget this process's copies (the shared cache's entries age out: their keys are dead)."""
    local.clear()


def _has_messages(request) -> bool:
    if request.COOKIES.get(getattr(settings, "MESSAGE_COOKIE_NAME", "messages")):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and request.COOKIES.get(settings.SESSION_COOKIE_NAME) and session.get("_messages"))


def request_is_cacheable(request) -> bool:
    if not getattr(settings, "PAGE_CACHE", True) or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "preview", None) is not None:
        return False  # a signed preview of a draft (workflow/preview.py) is never cached
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not _has_messages(request)


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    return "private" not in response.get("Cache-Control", "") and "no-store" not in response.get("Cache-Control", "")


def _labels(depends) -> tuple[str, ...]:
    labels = [*LAYOUT_DEPENDS]
    for label in depends:
        labels.extend(sorted(changelog.registered_content()) if label == "*" else [label])
    return tuple(labels)


def page_key(request, depends) -> str:
    labels = _labels(depends)
    # The fast path may have read these rows for a stored page that turned out stale.
    found = versions.current(labels, known=getattr(request, "_version_rows", None))
    tokens = [version.token for version in found]
    # The date too: lists of ongoing projects and the like move at midnight, by dates without a time.
    day = timezone.localdate().isoformat()
    raw = "\n".join((translation.get_language() or "", request.get_host(), request.get_full_path(), day, *tokens))
    # What the fast path (fast_response) checks the finished response against on later requests.
    request._page_cache = (tuple(version.label for version in found), versions.states(found), day)
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _freeze(response) -> tuple:
    headers = [(name, value) for name, value in response.items() if name.lower() not in _SKIPPED_HEADERS]
    return (response.status_code, headers, response.content)


def _thaw(frozen) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


def cached_page(*, depends: tuple[str, ...] = (), timeout: int | None = None):
    """Cache an anonymous GET view's page until a change to ``depends`` (content labels,
    ``app_label.model_name``) or the layout's content."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request_is_cacheable(request):
                return view(request, *args, **kwargs)
            key = page_key(request, depends)
            frozen = local.get(key)
            if frozen is None:
                frozen = cache.get(key)
                if frozen is not None:
                    local.set(key, frozen, _timeout(timeout))
            if frozen is not None:
                return _thaw(frozen)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            if response_is_cacheable(request, response):
                frozen = _freeze(response)
                cache.set(key, frozen, _timeout(timeout))
                local.set(key, frozen, _timeout(timeout))
                response[HEADER] = "miss"
            return response

        return wrapper

    return decorator


def _timeout(timeout: int | None) -> int:
    return timeout if timeout is not None else getattr(settings, "PAGE_CACHE_TIMEOUT", 600)


# --- the fast path -------------------------------------------------------------------------
# PageCacheMiddleware (finest/core/middleware.py) sits right after the request guard. Once a
# cached_page view (or the API's cache, finest/api/cache.py) has stored an answer, the middleware
# stores the *finished* response too (every header the rest of the stack added) under the
# request's scheme, host, path and language (the API: its negotiation headers), with the labels
# and version tokens it was made from. A later anonymous request for the same URL is answered
# from it after one query (the versions, from the database like the view's own check), without
# sessions, URL resolving or the view: when a token differs, the date has changed or anything is
# unusual the request takes the normal path, which stores anew. With Redis down the process's
# own copies are still checked against the database: never stale.

_FAST_SKIPPED_PREFIXES = ("/admin/", "/preview/")
API_PREFIX = "/api/v1/"
API_HEADER = "X-API-Cache"
_FAST_SKIPPED_HEADERS = {"set-cookie", "x-request-id", HEADER.lower(), API_HEADER.lower()}
# Conditions the fast path does not evaluate (only If-None-Match): the normal path answers them.
_OTHER_CONDITIONS = ("HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_IF_RANGE")


def _api_variant(request) -> str | None:
    """What an anonymous API answer varies by besides the URL, or None when this request is not
    anonymous (a partner key sees its own drafts and has its own throttle) or holds conditions
    the fast path leaves to the view."""
    meta = request.META
    if "HTTP_X_API_KEY" in meta or any(name in meta for name in _OTHER_CONDITIONS):
        return None
    # The API's negotiation (format, language) and CORS (the allowed origin) read these.
    return "\n".join((meta.get("HTTP_ACCEPT", ""), meta.get("HTTP_ACCEPT_LANGUAGE", ""), meta.get("HTTP_ORIGIN", "")))


def _variant(request, path: str) -> str | None:
    if path.startswith(API_PREFIX):
        return _api_variant(request)
    if path.startswith("/api/"):
        return None
    # Only pages whose language is in their path: the others follow a cookie or Accept-Language.
    language = path[1:].split("/", 1)[0]
    return language if language in settings.LANGUAGE_CODES else None


def fast_key(request) -> str | None:
    """The fast path's key of this request, or None when it must take the normal path."""
    if not getattr(settings, "PAGE_CACHE", True) or request.method not in ("GET", "HEAD"):
        return None
    path = request.path_info
    if path.startswith((*_FAST_SKIPPED_PREFIXES, settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies:
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    # The HTTPS redirect is the security middleware's, further down.
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None
    variant = _variant(request, path)
    if variant is None:
        return None
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 - a host the settings refuse: the normal path answers it (400)
        return None
    raw = "\n".join((request.scheme, host, request.get_full_path(), variant))
    return "pagefast:" + hashlib.sha256(raw.encode()).hexdigest()


def _etag_matches(request, etag: str) -> bool:
    given = request.META.get("HTTP_IF_NONE_MATCH")
    if not given:
        return False
    wanted = etag.removeprefix("W/")
    return given.strip() == "*" or any(tag.strip().removeprefix("W/") == wanted for tag in given.split(","))


def _not_modified(response) -> HttpResponse:
    """The 304 for ``response``: its headers without the body's own."""
    not_modified = HttpResponse(status=304)
    del not_modified["Content-Type"]
    not_modified.headers._store.update(
        (key, item) for key, item in response.headers._store.items()
        if key not in ("content-type", "content-length", "content-encoding")
    )
    return not_modified


def _api_throttled(request) -> bool:
    """The anonymous API throttle counts answers from here like the view's (its 429 is the view's)."""
    return not AnonymousRateThrottle().allow_request(request, None)


def _response(status: int, content: bytes, headers) -> HttpResponse:
    response = HttpResponse(content, status=status)
    if isinstance(headers, dict):
        # Checked when stored (HttpResponse.__setitem__ encodes and refuses newlines); the
        # Content-Type the constructor set is replaced by the stored one.
        response.headers._store.update(headers)
    else:
        for name, value in headers:
            response[name] = value
    return response


def _stored_headers(response) -> dict:
    """The headers as ``ResponseHeaders`` keeps them (lower-case name -> (name, value)), checked
    and encoded once here instead of on every hit."""
    return {key: item for key, item in response.headers._store.items() if key not in _FAST_SKIPPED_HEADERS}


_today_cache: tuple[float, float, str] = (0.0, 0.0, "")


def _today() -> str:
    """``timezone.localdate().isoformat()``, worked out again only when the clock leaves the
    local day it was worked out for (a time zone conversion on every hit costs more)."""
    global _today_cache  # noqa: PLW0603 - one small per-process memo
    now = time.time()
    since, until, day = _today_cache
    if since <= now < until:
        return day
    local = timezone.localtime()
    start = datetime.combine(local.date(), dt_time.min, tzinfo=local.tzinfo)
    end = datetime.combine(local.date() + timedelta(days=1), dt_time.min, tzinfo=local.tzinfo)
    _today_cache = (start.timestamp(), end.timestamp(), local.date().isoformat())
    return _today_cache[2]


# (labels, state, day, status, headers, content, gzipped content or None)
ENTRY_FIELDS = 7
# GZipMiddleware's own threshold: shorter bodies are sent as they are.
GZIP_MIN_LENGTH = 200


def _gzip(response) -> bytes | None:
    """The body as GZipMiddleware would send it, or None where it would send it plain."""
    if len(response.content) < GZIP_MIN_LENGTH or response.has_header("Content-Encoding"):
        return None
    compressed = compress_string(response.content)
    return compressed if len(compressed) < len(response.content) else None


def _gzipped_response(status: int, gzipped: bytes, headers) -> HttpResponse:
    """What GZipMiddleware makes of the stored page: the headers it sets, the ETag made weak."""
    response = _response(status, gzipped, headers)
    patch_vary_headers(response, ("Accept-Encoding",))
    response.headers["Content-Length"] = str(len(gzipped))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag
    response.headers["Content-Encoding"] = "gzip"
    return response


def fast_response(request, key: str) -> HttpResponse | None:
    """The stored finished page for this request, when it is still current; else None."""
    entry = local.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
        local.set(key, entry, _timeout(None))
    if len(entry) != ENTRY_FIELDS:
        return None  # stored by an older release
    labels, state, day, status, headers, content, gzipped = entry
    if day != _today():
        return None
    rows = versions.read(labels)
    # The view reads the same labels for its key when the stored page is stale: once is enough.
    request._version_rows = (labels, rows)
    if versions.state(labels, rows) != state:
        return None
    api = request.path_info.startswith(API_PREFIX)
    if api and _api_throttled(request):
        return None
    if gzipped is not None and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = _gzipped_response(status, gzipped, headers)
    else:
        response = _response(status, content, headers)
    response[HEADER] = "hit"
    if api:
        response[API_HEADER] = "hit"
    if _etag_matches(request, response["ETag"]):
        return _not_modified(response)
    return response


def fast_store(request, key: str, response):
    """Keep a finished page the view's cache stored or served for the fast path; answers a
    matching If-None-Match with a 304. Returns the response to send."""
    made_from = getattr(request, "_page_cache", None)
    if made_from is None or (response.get(HEADER) or response.get(API_HEADER)) not in ("hit", "miss"):
        return response
    if not response_is_cacheable(request, response) or response.cookies:
        return response
    if "ETag" not in response:
        response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    entry = (*made_from, response.status_code, _stored_headers(response), response.content, _gzip(response))
    cache.set(key, entry, _timeout(None))
    local.set(key, entry, _timeout(None))
    if _etag_matches(request, response["ETag"]):
        return _not_modified(response)
    return response
