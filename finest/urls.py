from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from applications.urls import URL_PREFIX as APPLICATIONS_PREFIX
from finest.core.pagecache import ALL_CONTENT, cached_page
from finest.ops import health
from finest.ops.security_txt import security_txt
from website import views as website_views
from website.sitemaps import SITEMAPS

urlpatterns = [
    # Answered by finest.ops.health.HealthCheckMiddleware first; named here so they can be reversed.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # admin.site is finest.ops.admin_site.PortalAdminSite (two-factor login), set in INSTALLED_APPS.
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", include("website.api_urls")),
    # The public site's unprefixed entry points: "/" picks the visitor's language.
    path("", website_views.root_redirect, name="root"),
    path("sitemap.xml", cached_page(depends=ALL_CONTENT)(sitemap_views.sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    # Signed previews of drafts (workflow/preview.py): one link per language, outside the language prefixes.
    path("preview/", include("workflow.urls")),
    path("robots.txt", website_views.robots_txt, name="robots"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
]

urlpatterns += i18n_patterns(
    path(_("projects/"), include("projects.urls")),
    path(_("partners/"), include("website.partner_urls")),
    path(_("events/"), include("events.urls")),
    path(_("living-lab/"), include("living_lab.urls")),
    path(_("news/"), include("news.urls")),
    path(_("newsletter/"), include("newsletter.urls")),
    path(_("registrations/"), include("registrations.urls")),
    path(APPLICATIONS_PREFIX, include("applications.urls")),
    path("", include("website.urls")),
    # Last: the editable pages' catch-all must not shadow any route above.
    path("", include("pages.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA and not settings.AWS_STORAGE_BUCKET_NAME:
    # Media from the volume when no front proxy or S3 serves it; static.serve refuses paths outside MEDIA_ROOT.
    import re

    from django.urls import re_path
    from django.views.static import serve

    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [re_path(r"^" + media_prefix + r"(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
