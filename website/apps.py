from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The pages that span apps and the API router: the one app that may import every other app."""

    name = "website"
