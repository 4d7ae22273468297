"""Public news pages: the list (by kind) and the article page."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import ngettext_lazy

from finest.core.lists import FilterForm, list_page
from finest.core.lookup import resolve_slug
from finest.core.pagecache import cached_page

from .jsonld import article_jsonld
from .models import Article, ArticleKind

PER_PAGE = 12


class ArticleFilterForm(FilterForm):
    kind = forms.ChoiceField(choices=ArticleKind.choices, required=False)


@cached_page(depends=("news.article", "partners.partner", "projects.project", "core.city"))
def article_list(request):
    filters = ArticleFilterForm(request.GET).valid_filters()
    articles = Article.objects.published().latest_first()
    if filters.get("kind"):
        articles = articles.filter(kind=filters["kind"])
    listing = list_page(
        request,
        articles.with_listing_related(),
        per_page=PER_PAGE,
        count_text=ngettext_lazy("%(counter)s article", "%(counter)s articles", "counter"),
    )
    return render(
        request,
        "news/article_list.html",
        {
            **listing,
            "articles": listing["page_obj"].object_list,
            "kinds": ArticleKind.choices,
            "kind": filters.get("kind", ""),
            "is_filtered": bool(filters),
        },
    )


@cached_page(depends=("news.article", "events.event", "living_lab.pilot", "projects.project", "partners.partner", "core.city"))
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
