from functools import lru_cache
from importlib.util import find_spec

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def site(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "ADMIN_URL": settings.ADMIN_URL,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "newsletter_enabled": _newsletter_enabled(),
    }


@lru_cache(maxsize=1)
def _newsletter_enabled() -> bool:
    """The footer form appears when the newsletter app serves its subscribe URL and its
    template tags, so the base layout never depends on an app that is not there."""
    try:
        reverse("newsletter:subscribe")
    except NoReverseMatch:
        return False
    return find_spec("newsletter.templatetags.newsletter_tags") is not None
