"""Who may see and change news: the public sees what is published; only staff write
news, so partners have no drafts of their own here."""

from __future__ import annotations

from finest.core.permissions import PublishablePolicy, register

from .models import Article


class ArticlePolicy(PublishablePolicy):
    pass


register(Article, ArticlePolicy)
