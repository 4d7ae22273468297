"""News articles: registered for the change log, so partners' sync and the caches see every change."""

from finest.core.changelog import register, register_part

from .models import Article

register(Article)

# An article shows the summaries of its related projects, events and pilots.
register_part("projects.Project", parent="news.Article", parent_lookup="related_projects")
register_part("events.Event", parent="news.Article", parent_lookup="related_events")
register_part("living_lab.Pilot", parent="news.Article", parent_lookup="related_pilots")
