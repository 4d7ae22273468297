"""Partners keep revisions (finest.core.revisions), with their contact people."""

from finest.core.revisions import register

from .models import Partner

register(Partner, follow=("contacts",))
