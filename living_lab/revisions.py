"""Open calls and pilots keep revisions (finest.core.revisions); a pilot's KPIs and their values follow it."""

from finest.core.revisions import register

from .models import KPI, OpenCall, Pilot

register(OpenCall)
register(KPI, follow=("values",))
register(Pilot, follow=("kpis",))
