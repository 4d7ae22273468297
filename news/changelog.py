"""News articles: registered for the change log, so partners' sync and the caches see every change."""

from finest.core.changelog import register

from .models import Article

register(Article)
