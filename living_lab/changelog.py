"""Pilots with their KPIs, and open calls: registered for the change log, so partners' sync and the caches see every change."""

from finest.core import clock
from finest.core.changelog import register, register_part
from finest.core.versions import register_moment

from .models import CLOSING_SOON, KPI, KPIValue, OpenCall, Pilot

register(Pilot)
register(OpenCall)
register_part(KPI, parent="living_lab.Pilot", parent_lookup="kpis")
register_part(KPIValue, parent="living_lab.Pilot", parent_lookup="kpis__values")

# Pilots and calls show the summaries of their hosts, participants, projects and call.
register_part("partners.Partner", parent="living_lab.Pilot", parent_lookup="host")
register_part("partners.Partner", parent="living_lab.Pilot", parent_lookup="participants")
register_part("partners.Partner", parent="living_lab.OpenCall", parent_lookup="host")
register_part("projects.Project", parent="living_lab.Pilot", parent_lookup="project")
register_part("projects.Project", parent="living_lab.OpenCall", parent_lookup="project")
register_part("living_lab.OpenCall", parent="living_lab.Pilot", parent_lookup="open_call")

# A call's page and lists change when it opens and when its deadline passes, with no write.
register_moment("living_lab.opencall", "opens_at", "deadline")
# An open call's state (upcoming, open, closing soon, closed) follows the clock (finest/core/clock.py).
clock.register_moment(OpenCall, clock.passed("opens_at"))
clock.register_moment(OpenCall, clock.passed("deadline", -CLOSING_SOON))
clock.register_moment(OpenCall, clock.passed("deadline"))
