"""Writes of pages, called by the admin, the API and tasks. The kernel's content services
check the policy, keep revisions and the change log; the page's save keeps its paths."""

from __future__ import annotations

from finest.core.permissions import Actor
from finest.core.services import content_create, content_delete, content_update

from .models import Page


def page_create(*, page: Page, actor: Actor) -> Page:
    return content_create(obj=page, actor=actor)


def page_update(*, page: Page, actor: Actor) -> Page:
    """Save the changes; a changed slug or parent moves the page and its subtree, and the
    old paths redirect (Page.refresh_paths)."""
    return content_update(obj=page, actor=actor)


def page_delete(*, page: Page, actor: Actor) -> None:
    """Delete the page and its subtree; the policy refuses the site pages."""
    content_delete(obj=page, actor=actor)
