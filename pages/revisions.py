"""Pages and the home page keep revisions (finest.core.revisions); the home page's key figures
and featured items follow it."""

from finest.core.revisions import register

from .models import HomePage, Page

register(Page)
register(HomePage, follow=("key_figures", "featured_items"))
