"""The admin lockout's policy on top of django-axes.

axes locks a (username, address) pair, with the address from the one trusted client-address
function, so failures from one place never lock the account for everybody. This handler adds
what axes cannot express with its single failure limit: an address that fails
``ADMIN_LOGIN_FAILURES_PER_ADDRESS`` times across all usernames within the cool-off is
locked too, which stops password spraying."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

# axes stores the username in a varchar(255); a longer one cannot belong to any account anyway.
USERNAME_STORED_LENGTH = 255


def login_username(request, credentials: dict | None) -> str | None:
    """The username axes records, cut to what its table holds."""
    if credentials:
        username = credentials.get("username")
    else:
        data = getattr(request, "data", None) or request.POST
        username = data.get("username")
    if not isinstance(username, str):
        return username
    return username[:USERNAME_STORED_LENGTH]


def address_failures(request) -> int:
    """Failed logins from the request's trusted address across all usernames, within the cool-off."""
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    attempts = AccessAttempt.objects.filter(ip_address=address)
    cool_off = get_cool_off(request)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PortalAxesHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return address_failures(request) >= settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS
