from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from events import extensions as events_extensions


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        # Registers this app's permission policies (finest.core.permissions); it needs the models loaded.
        import_module("registrations.permissions")
        # Registrations and registrants change how their event is shown: they bump it (finest.core.changelog).
        import_module("registrations.changelog")
        # The events API and the event page's JSON-LD ask these, so events never imports this app.
        events_extensions.api_queryset.register("registrations.hooks.with_registration")
        events_extensions.api_registration.register("registrations.hooks.api_registration")
        events_extensions.jsonld.register("registrations.hooks.event_offers")
