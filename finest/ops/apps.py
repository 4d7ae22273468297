from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class OpsConfig(AppConfig):
    name = "finest.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        # Celery's signals must be connected in the web process (which publishes tasks)
        # and in the worker (which runs them); both load the Django apps.
        from . import tasks_context  # noqa: F401


class PortalAdminConfig(AdminConfig):
    """The admin with the portal's site class, so every `admin.site.register` in the apps
    lands on the site that enforces two-factor login when it is configured."""

    default_site = "finest.ops.admin_site.PortalAdminSite"
