"""schema.org JSON-LD for news pages: a NewsArticle."""

from __future__ import annotations

from finest.core.jsonld import CONTEXT, SITE_NAME, clean, image, language, page_url, publisher, text


def article_jsonld(article) -> dict:
    author = (
        {"@type": "Person", "name": article.author} if article.author else {"@type": "Organization", "name": SITE_NAME}
    )
    url = page_url(article)
    return clean(
        {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "headline": text(article, "title")[:110],
            "description": text(article, "lead"),
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": language(),
            "datePublished": article.published_at.isoformat() if article.published_at else None,
            "dateModified": article.modified_at.isoformat() if article.modified_at else None,
            "author": author,
            "publisher": publisher(),
            "image": image(article.image),
            "about": [{"@type": "Thing", "name": text(area, "name")} for area in article.focus_areas.all()],
        }
    )
