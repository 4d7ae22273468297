"""Who may see and change pages: the public sees what is published; staff write pages,
and nobody deletes a site page (About, Contact, Privacy, Accessibility) or a section's entry.
The home page is one row: nobody adds a second one or deletes it."""

from __future__ import annotations

from finest.core.permissions import Actor, PublishablePolicy, register

from .models import HomePage, Page


class PagePolicy(PublishablePolicy):
    def can(self, actor: Actor, action: str, obj=None) -> bool:
        if action == "delete" and obj is not None and getattr(obj, "route", None):
            return False
        return super().can(actor, action, obj)


class HomePagePolicy(PublishablePolicy):
    def can(self, actor: Actor, action: str, obj=None) -> bool:
        if action == "delete":
            return False
        if action == "add" and HomePage.objects.exists():
            return False
        return super().can(actor, action, obj)


register(Page, PagePolicy)
register(HomePage, HomePagePolicy)
