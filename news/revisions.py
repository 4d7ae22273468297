"""Articles keep revisions (finest.core.revisions)."""

from finest.core.revisions import register

from .models import Article

register(Article)
