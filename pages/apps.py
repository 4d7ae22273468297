from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        # Registers this app's permission policies (finest.core.permissions); it needs the models loaded.
        import_module("pages.permissions")
