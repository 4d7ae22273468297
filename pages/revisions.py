"""Pages keep revisions (finest.core.revisions)."""

from finest.core.revisions import register

from .models import Page

register(Page)
