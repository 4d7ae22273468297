"""/.well-known/security.txt (RFC 9116): where to report a vulnerability."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control

# RFC 9116 asks for an Expires less than a year ahead; the file is generated, so it never goes stale.
VALID_FOR = timedelta(days=180)


@cache_control(max_age=86400, public=True)
def security_txt(request):
    expires = (timezone.now() + VALID_FOR).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: fi, sv, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
