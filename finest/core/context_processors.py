from django.conf import settings
from django.urls import NoReverseMatch, reverse


def site(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "ADMIN_URL": settings.ADMIN_URL,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "newsletter_enabled": _newsletter_enabled(),
    }


def _newsletter_enabled() -> bool:
    """The footer form appears once the newsletter app serves its subscribe URL."""
    try:
        reverse("newsletter:subscribe")
    except NoReverseMatch:
        return False
    return True
