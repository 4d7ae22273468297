"""The main menu and the footer links from the page tree: one query, made only when a
template uses them, and kept on the request."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from finest.core.models import published_q

from .models import Page


def _navigation(request) -> dict[str, list[Page]]:
    cached = getattr(request, "_pages_navigation", None)
    if cached is None:
        pages = list(
            Page.objects.filter(published_q(), parent__isnull=True).filter(show_in_menu=True)
            | Page.objects.filter(published_q(), show_in_footer=True)
        )
        pages.sort(key=lambda page: (page.position, page.pk))
        cached = {
            "menu": [page for page in pages if page.show_in_menu and page.parent_id is None],
            "footer": [page for page in pages if page.show_in_footer],
        }
        request._pages_navigation = cached
    return cached


def navigation(request):
    return {
        "menu_pages": SimpleLazyObject(lambda: _navigation(request)["menu"]),
        "footer_pages": SimpleLazyObject(lambda: _navigation(request)["footer"]),
    }
