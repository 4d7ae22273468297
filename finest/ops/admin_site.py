"""The admin site with TOTP two-factor login (django-otp).

Staff who have registered a device must always enter a code. With ADMIN_REQUIRE_2FA on, every
staff member must, and staff without a device cannot enter the admin until one is registered for them.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm


def two_factor_needed(user) -> bool:
    return settings.ADMIN_REQUIRE_2FA or user_has_device(user)


class PortalAdminAuthenticationForm(OTPAdminAuthenticationForm):
    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if user is not None and two_factor_needed(user):
            self.clean_otp(user)
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
