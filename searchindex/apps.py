from importlib import import_module

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchIndexConfig(AppConfig):
    name = "searchindex"
    verbose_name = _("Search index")

    def ready(self) -> None:
        # Each app's search.py registers its models (searchindex.registry.register).
        autodiscover_modules("search")
        signals = import_module("searchindex.signals")
        signals.connect_signals()
        post_migrate.connect(signals.index_existing_content, sender=self, dispatch_uid="searchindex_post_migrate")
