"""What the site search finds of this app (searchindex.registry)."""

from searchindex.registry import register

from .models import Event

register(Event, fields=("title", "summary", "description", "venue_name"))
