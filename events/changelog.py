"""Events with their sessions and speakers: registered for the change log, so partners' sync and the caches see every change."""

from finest.core import clock
from finest.core.changelog import register, register_part
from finest.core.versions import register_moment

from .models import Event, Session, Speaker

register(Event)
register_part(Session, parent="events.Event", parent_lookup="sessions")
register_part(Speaker, parent="events.Event", parent_lookup="sessions__speakers")

# An event shows its organisers', related projects' and parent event's summaries.
register_part("partners.Partner", parent="events.Event", parent_lookup="organisers")
register_part("projects.Project", parent="events.Event", parent_lookup="related_projects")
register_part("events.Event", parent="events.Event", parent_lookup="parent")

# The upcoming list loses an event when it ends, and an event's page says "under way" from its start and
# "held" after its end, with no write: the page caches' versions watch both.
register_moment("events.event", "start", "end")
# An event becomes past at its end; its registration closes at its start unless it has its own closing time.
clock.register_moment(Event, clock.passed("start"))
clock.register_moment(Event, clock.passed("end"))
