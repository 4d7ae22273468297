"""Pages and the home page: registered for the change log, so the caches (the menu is on every
page, the home page's key figures and featured items on the home page) see every change."""

from finest.core.changelog import register, register_part

from .models import FeaturedItem, HomePage, KeyFigure, Page

register(Page)
register(HomePage)
register_part(KeyFigure, parent="pages.HomePage", parent_lookup="key_figures")
register_part(FeaturedItem, parent="pages.HomePage", parent_lookup="featured_items")
