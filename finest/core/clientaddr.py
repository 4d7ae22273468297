"""The one trusted answer to "which address is this client at?".

Every rate limit and the admin lockout key on it. Behind ``TRUSTED_PROXY_COUNT`` reverse
proxies, each of which appends the address it received the request from to
``X-Forwarded-For``, the client's address is the Nth entry from the right: the entries
left of it were written by the client itself and prove nothing. With no trusted proxy
(the default) only the connection's address counts, and the header is ignored."""

from __future__ import annotations

import ipaddress

from django.conf import settings

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder key, never bound to


def _valid(candidate: str) -> str | None:
    try:
        return str(ipaddress.ip_address(candidate.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's address as the trusted proxies saw it, normalised; ``0.0.0.0`` when unknown."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        # Fewer hops than proxies: the request bypassed at least one of them; its own address is the best key.
        return remote
    return _valid(hops[-proxies]) or remote
