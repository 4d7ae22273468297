"""The admin site with TOTP two-factor login (django-otp).

Staff who have registered a device must always enter a code. With ADMIN_REQUIRE_2FA on (the
default in production), every staff member must, and staff without a device cannot enter the
admin until one is registered for them.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm


def two_factor_needed(user) -> bool:
    return settings.ADMIN_REQUIRE_2FA or user_has_device(user)


def verified_device(user, token: str):
    """The user's confirmed device that accepts ``token`` now, or None."""
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        allowed, _reason = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


class PortalAdminAuthenticationForm(OTPAdminAuthenticationForm):
    """A right password with a missing or wrong code gets the very answer a wrong password gets,
    and the page lists no devices, so the password cannot be tested on its own. The failure
    counts towards the admin lockout like a wrong password."""

    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if user is not None and two_factor_needed(user):
            device = verified_device(user, (self.cleaned_data.get("otp_token") or "").strip())
            if device is None:
                self.user_cache = None
                user_login_failed.send(
                    sender=__name__, credentials={"username": self.cleaned_data.get("username")}, request=self.request
                )
                raise self.get_invalid_login_error()
            user.otp_device = device
        return self.cleaned_data


class PortalAdminSite(AdminSite):
    login_form = PortalAdminAuthenticationForm
    login_template = "otp/admin111/login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if two_factor_needed(request.user):
            return request.user.is_verified()
        return True
