"""What the site search finds of this app (searchindex.registry)."""

from searchindex.registry import register

from .models import Partner

register(Partner, fields=("name", "short_name", "description"), title_fields=("name", "short_name"))
