from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaLibraryConfig(AppConfig):
    name = "medialibrary"
    verbose_name = _("Media library")

    def ready(self) -> None:
        import_module("medialibrary.permissions")
