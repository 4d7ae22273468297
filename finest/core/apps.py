from importlib import import_module

from django.apps import AppConfig
from django.db.models.signals import post_migrate
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
        # After each migrate every content label has its version row, with its next moment known.
        post_migrate.connect(_seed_versions, sender=self, dispatch_uid="core_seed_versions")


def _seed_versions(using, **kwargs) -> None:
    changelog = import_module("finest.core.changelog")
    import_module("finest.core.versions").seed(changelog.registered_content(), using=using)
