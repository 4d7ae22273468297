"""Public news pages: the list (by kind) and the article page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from finest.core.lookup import resolve_slug

from .jsonld import article_jsonld
from .models import Article, ArticleKind

PER_PAGE = 12


def article_list(request):
    kind = request.GET.get("kind", "")
    if kind not in ArticleKind.values:
        kind = ""
    articles = Article.objects.published().latest_first()
    if kind:
        articles = articles.filter(kind=kind)
    page = Paginator(articles.with_listing_related(), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "news/article_list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "articles": page.object_list,
            "kinds": ArticleKind.choices,
            "kind": kind,
            "is_filtered": bool(kind),
        },
    )


def article_detail(request, slug):
    article, redirect = resolve_slug(request, Article.objects.with_detail_related(), slug)
    if redirect:
        return redirect
    return render(
        request,
        "news/article_detail.html",
        {
            "page_object": article,
            "article": article,
            "related_projects": article.related_projects.all(),
            "related_events": article.related_events.all(),
            "related_pilots": article.related_pilots.all(),
            "structured_data": article_jsonld(article),
        },
    )
