"""An event shows its registration's state and whether places are left (the API's
``registration``): a change to the registration or to its registrants (a sign-up, a
confirmation, a cancellation) re-sends the event to syncing partners."""

from django.db import models

from finest.core.changelog import register_part
from finest.core.clock import register_moment

from .models import Registration

register_part("registrations.Registration", parent="events.Event", parent_lookup="registrations")
register_part("registrations.Registrant", parent="events.Event", parent_lookup="registrations__registrants")


def _registration_opens_or_closes(now, today) -> models.Q:
    # The event shows its registration's state, which changes when the registration opens or closes.
    window = {"event": models.OuterRef("pk")}
    return models.Q(
        models.Exists(
            Registration.objects.filter(**window, opens_at__lte=now, opens_at__gt=models.OuterRef("clock_changed_at"))
        )
    ) | models.Q(
        models.Exists(
            Registration.objects.filter(**window, closes_at__lte=now, closes_at__gt=models.OuterRef("clock_changed_at"))
        )
    )


register_moment("events.Event", _registration_opens_or_closes)
