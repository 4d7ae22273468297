from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        # Registers this app's permission policies (finest.core.permissions); it needs the models loaded.
        import_module("projects.permissions")
