"""CSRF protection without a per-visitor token, for forms on cached pages.

A page in the shared cache cannot carry a visitor's CSRF token, so a form on it (the
footer's newsletter sign-up) posts to a view marked ``same_origin_post``: instead of the
token, the browser's own statement of where the request comes from is checked. Browsers
send ``Sec-Fetch-Site`` and ``Origin`` with every cross-site POST and a page cannot forge
them, so a request that says it is cross-site is refused; one with neither header comes
from no browser (a forged form would have them), which a CSRF attack needs."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.views.csrf import csrf_failure
from django.views.decorators.csrf import csrf_exempt

SAME_ORIGIN_FETCH = ("same-origin", "none")


def is_cross_site(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site.lower() not in SAME_ORIGIN_FETCH:
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return False
    parts = urlsplit(origin)
    return origin == "null" or parts.netloc != request.get_host() or parts.scheme != request.scheme


def same_origin_post(view):
    """Exempt ``view`` from the token check, refusing unsafe requests that come from another site."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and is_cross_site(request):
            return csrf_failure(request, reason="The request came from another site.")
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)
