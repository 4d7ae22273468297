import re

from django.conf import settings
from django.urls import re_path

from . import views

app_name = "pages"


def _first_segment(url: str) -> str:
    return url.strip("/").split("/", 1)[0]


# First path segments of the routes outside the language prefixes: a page path never starts with one,
# so an unprefixed /admin/… is not redirected by LocaleMiddleware to a language's catch-all.
RESERVED = sorted(
    {_first_segment(settings.ADMIN_URL), "api", "preview", _first_segment(settings.STATIC_URL), _first_segment(settings.MEDIA_URL)}
    - {""}
)

# Mounted last in each language's patterns, so every other route wins.
urlpatterns = [
    re_path(
        r"^(?!(?:%s)/)(?P<path>(?:[-\w]+/)+)$" % "|".join(re.escape(segment) for segment in RESERVED),  # noqa: UP031
        views.page_detail,
        name="page",
    ),
]
