"""What the site search finds of this app (searchindex.registry)."""

from searchindex.registry import register

from .models import Article

register(Article, fields=("title", "lead", "body"))
