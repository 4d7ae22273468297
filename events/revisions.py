"""Events keep revisions (finest.core.revisions), with their sessions; speakers keep their own."""

from finest.core.revisions import register

from .models import Event, Speaker

register(Speaker)
register(Event, follow=("sessions",))
