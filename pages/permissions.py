"""Who may see and change pages: the public sees what is published; staff write pages,
and nobody deletes a site page (About, Contact, Privacy, Accessibility) or a section's entry."""

from __future__ import annotations

from finest.core.permissions import Actor, PublishablePolicy, register

from .models import Page


class PagePolicy(PublishablePolicy):
    def can(self, actor: Actor, action: str, obj=None) -> bool:
        if action == "delete" and obj is not None and getattr(obj, "route", None):
            return False
        return super().can(actor, action, obj)


register(Page, PagePolicy)
