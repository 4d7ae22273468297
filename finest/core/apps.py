from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "finest.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        # Each app's changelog.py registers its models, as admin.py and translation.py do.
        autodiscover_modules("changelog")
        # Each app's revisions.py names the models that keep revisions (finest.core.revisions.register).
        autodiscover_modules("revisions")
        import_module("finest.core.changelog").connect_signals()
