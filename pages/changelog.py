"""Pages: registered for the change log, so the caches (the menu is on every page) see every change."""

from finest.core.changelog import register

from .models import Page

register(Page)
