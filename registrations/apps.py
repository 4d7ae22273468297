from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from finest.core import hooks


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        # Registers this app's permission policies (finest.core.permissions); it needs the models loaded.
        import_module("registrations.permissions")
        # The events API and the event page's JSON-LD ask these, so events never imports this app.
        hooks.register("events.api.queryset", "registrations.hooks.with_registration")
        hooks.register("events.api.registration", "registrations.hooks.api_registration")
        hooks.register("events.jsonld", "registrations.hooks.event_offers")
