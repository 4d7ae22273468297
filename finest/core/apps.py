from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "finest.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from . import changelog

        changelog.connect_signals()
