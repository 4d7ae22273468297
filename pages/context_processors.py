"""The main menu and the footer links from the page tree: one query, made only when a
template uses them, kept on the request and, per version of the pages, in the process
(finest/core/fragments.py): the pages' published set moves only with their versions."""

from __future__ import annotations

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from finest.core.fragments import cached_value
from finest.core.models import published_q

from .models import Page


def _pages() -> dict[str, list[Page]]:
    pages = list(
        Page.objects.filter(published_q(), parent__isnull=True).filter(show_in_menu=True)
        | Page.objects.filter(published_q(), show_in_footer=True)
    )
    pages.sort(key=lambda page: (page.position, page.pk))
    return {
        "menu": [page for page in pages if page.show_in_menu and page.parent_id is None],
        "footer": [page for page in pages if page.show_in_footer],
    }


def _navigation(request) -> dict[str, list[Page]]:
    cached = getattr(request, "_pages_navigation", None)
    if cached is None:
        # Keyed by the day too, as the page cache keys pages (timezone.localdate).
        cached = cached_value(request, "navigation", (timezone.localdate().isoformat(),), ("pages.page",), _pages)
        request._pages_navigation = cached
    return cached


def navigation(request):
    return {
        "menu_pages": SimpleLazyObject(lambda: _navigation(request)["menu"]),
        "footer_pages": SimpleLazyObject(lambda: _navigation(request)["footer"]),
    }
