"""Writes of pages, called by the admin, the API and tasks. The kernel's content services
check the policy, keep revisions and the change log; the page's save keeps its paths."""

from __future__ import annotations

from collections.abc import Sequence

from finest.core.permissions import Actor
from finest.core.services import content_create, content_delete, content_rows_save, content_update

from .models import FeaturedItem, HomePage, KeyFigure, Page


def page_create(*, page: Page, actor: Actor) -> Page:
    return content_create(obj=page, actor=actor)


def page_update(*, page: Page, actor: Actor) -> Page:
    """Save the changes; a changed slug or parent moves the page and its subtree, and the
    old paths redirect (Page.refresh_paths)."""
    return content_update(obj=page, actor=actor)


def page_delete(*, page: Page, actor: Actor) -> None:
    """Delete the page and its subtree; the policy refuses the site pages."""
    content_delete(obj=page, actor=actor)


def home_page_update(*, home_page: HomePage, actor: Actor) -> HomePage:
    """Save the home page's texts; who may not publish keeps the change as a draft (the workflow app)."""
    return content_update(obj=home_page, actor=actor)


def home_page_rows_save(
    *,
    home_page: HomePage,
    actor: Actor,
    saved: Sequence[KeyFigure | FeaturedItem] = (),
    deleted: Sequence[KeyFigure | FeaturedItem] = (),
) -> bool:
    """Save and delete key figures and featured items of the home page, in one revision of it;
    the change log bumps the home page, so its cached copies are not served again."""
    return content_rows_save(parent=home_page, saved=saved, deleted=deleted, actor=actor)
