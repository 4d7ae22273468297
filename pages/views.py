"""Public page views: the catch-all for pages by path, and the site pages at their fixed URLs."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from finest.core.models import SlugHistory
from finest.core.pagecache import ALL_CONTENT, cached_page
from finest.core.permissions import Actor, policy_for

from .body import fill_markers
from .jsonld import page_jsonld
from .models import HomePage, Page


def _visible(request):
    actor = getattr(request, "actor", None) or Actor.from_user(getattr(request, "user", None))
    return policy_for(Page).visible(actor, Page.objects.all())


def home_page_for(request) -> HomePage | None:
    """The home page's texts and rows for the home view: the published one, or in a signed
    preview (workflow/preview.py) the previewed one with its draft applied."""
    home_pages = HomePage.objects.with_sections()
    preview = getattr(request, "preview", None)
    if preview is not None and preview.model is HomePage:
        home_page = home_pages.filter(pk=preview.pk).first()
        return preview.apply(home_page) if home_page is not None else None
    return home_pages.published().order_by("pk").first()


def _render(request, page: Page):
    context = {"page_object": page, "page": page, "body": fill_markers(page.body or ""), "structured_data": page_jsonld(page)}
    if page.is_link_only:
        # A link-only page is no content of its own: it lists its children for the visitor and
        # tells search engines not to index it (the sitemap leaves it out, Page.objects.indexable()).
        context["children"] = list(_visible(request).filter(parent=page).order_by("position", "pk"))
    return render(request, "pages/page.html", context)


@require_GET
@cached_page(depends=ALL_CONTENT)
def page_detail(request, path: str):
    language = translation.get_language() or settings.LANGUAGE_CODE
    path = path if path.endswith("/") else f"{path}/"
    page = _visible(request).filter(route__isnull=True).at_path(path, language).first()
    if page is None:
        history = SlugHistory.objects.filter(model_label="pages.page", language=language, slug=path).first()
        moved = _visible(request).filter(pk=history.object_id).first() if history else None
        if moved is None:
            raise Http404
        return HttpResponsePermanentRedirect(moved.get_absolute_url())
    return _render(request, page)


def site_page(route: str):
    """The view of a site page (About, Contact …) at its old URL name."""

    @require_GET
    @cached_page(depends=ALL_CONTENT)
    def view(request):
        page = _visible(request).filter(route=route).first()
        if page is None:
            raise Http404
        return _render(request, page)

    view.__name__ = route.rsplit(":", 1)[-1]
    return view
