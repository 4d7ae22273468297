"""What the site search finds of this app (searchindex.registry)."""

from searchindex.registry import register

from .models import Page

register(Page, fields=("title", "seo_description", "body"))
