from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Open-call applications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's permission policy (finest.core.permissions); it needs the models loaded.
        import_module("applications.permissions")
