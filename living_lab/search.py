"""What the site search finds of this app (searchindex.registry)."""

from searchindex.registry import register

from .models import OpenCall, Pilot

register(Pilot, fields=("title", "summary", "challenge", "solution"))
register(OpenCall, fields=("title", "summary", "description"))
