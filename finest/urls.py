from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", include("finest.api.urls")),
]

urlpatterns += i18n_patterns(
    path(_("projects/"), include("projects.urls")),
    path(_("partners/"), include("partners.urls")),
    path(_("events/"), include("events.urls")),
    path(_("living-lab/"), include("living_lab.urls")),
    path(_("news/"), include("news.urls")),
    path(_("newsletter/"), include("newsletter.urls")),
    path("", include("finest.core.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
