from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivingLabConfig(AppConfig):
    name = "living_lab"
    verbose_name = _("Living Lab")

    def ready(self) -> None:
        # Registers this app's permission policies (finest.core.permissions); it needs the models loaded.
        import_module("living_lab.permissions")
