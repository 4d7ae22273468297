"""What the site search finds of this app (searchindex.registry)."""

from searchindex.registry import register

from .models import Project

register(Project, fields=("title", "acronym", "summary", "body"), title_fields=("title", "acronym"))
