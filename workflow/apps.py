from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Publishing workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The Draft policy (finest.core.permissions); it needs the models loaded.
        import_module("workflow.permissions")
        # Core knows nothing of drafts: the mixin joins every content admin from here.
        import_module("workflow.admin").enable_drafts()
        # The admin index lists the technical models in one section of their own.
        dashboard = import_module("workflow.dashboard")
        dashboard.label_technical_models()
        site = import_module("django.contrib.admin").site
        site.get_app_list = dashboard.app_list_with_technical_section(site.get_app_list)
