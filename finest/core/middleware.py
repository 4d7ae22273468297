import io

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from finest.core import pagecache
from finest.core.richtext import editor_csp_sources


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response. The policy also lists the
    hash of the rich-text editor's inline import map (the one inline script the admin needs)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = None

    def content_security_policy(self) -> str:
        if self.policy is None:
            # Built on the first request: the import map holds static URLs, which need the app registry.
            self.policy = settings.CONTENT_SECURITY_POLICY.replace("script-src 'self'", f"script-src 'self' {editor_csp_sources()}", 1)
        return self.policy

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.content_security_policy())
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _holds_nul(query_dict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values if isinstance(value, str)) for key, values in query_dict.lists())


def holds_nul(request) -> bool:
    """A NUL in the query string or the form fields: text no database column can hold."""
    # Without a query string there is nothing to parse (a cached page is answered without it).
    if request.META.get("QUERY_STRING") and _holds_nul(request.GET):
        return True
    return request.method == "POST" and request.content_type in FORM_CONTENT_TYPES and _holds_nul(request.POST)


def read_chunked_body(request) -> bool:
    """Give a chunked request (no Content-Length) its body, which Django would otherwise read as empty.
    False when the body is larger than a request may be."""
    limit = max(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0, settings.API_MAX_BODY_BYTES)
    body = request.META["wsgi.input"].read(limit + 1)
    if len(body) > limit:
        return False
    request.META["CONTENT_LENGTH"] = str(len(body))
    request._stream = LimitedStream(io.BytesIO(body), len(body))
    return True


def is_chunked(request) -> bool:
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower() and not request.META.get("CONTENT_LENGTH")


class RequestGuardMiddleware:
    """Refuses input that no view could handle, and reads chunked bodies: a path with a NUL names
    nothing that exists (404), a NUL in the query string or a form is a 400. One guard here instead of a check in every view; the
    API's JSON bodies are checked by its parser (finest/api/parsers.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_chunked(request) and "wsgi.input" in request.META and not read_chunked_body(request):
            return self.refuse(request, 413, _("The request body is too large."))
        if "\x00" in request.path_info:
            if request.path_info.startswith("/api/"):
                return self.refuse(request, 404, _("Not found."))
            raise Http404(request.path_info.replace("\x00", ""))
        if holds_nul(request):
            return self.refuse(request, 400, _("The request contains a NUL character."))
        return self.get_response(request)

    @staticmethod
    def refuse(request, status: int, message: str) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            code = {400: "parse_error", 404: "not_found", 413: "payload_too_large"}[status]
            return JsonResponse({"status": status, "code": code, "detail": str(message), "errors": {}}, status=status)
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class PageCacheMiddleware:
    """The page cache's fast path (finest/core/pagecache.py): an anonymous GET of a page the
    cache holds is answered here, with the headers the whole stack gave it, before sessions,
    URL resolving and the view. Placed after the request guard, so refused input never gets here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = pagecache.fast_key(request)
        if key is None:
            return self.get_response(request)
        response = pagecache.fast_response(request, key)
        if response is not None:
            return response
        return pagecache.fast_store(request, key, self.get_response(request))
