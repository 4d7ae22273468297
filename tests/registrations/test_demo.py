"""The demo's upcoming events have registration open, with registrants in each state;
loading the demo again changes nothing and sends no mail."""

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from demo.loader import load_demo_content
from registrations import tasks
from registrations.models import Registrant, Registration, RegistrationState

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki")), tick=False)
def test_demo_registrations_show_the_states():
    load_demo_content()
    registrations = {registration.event.slug_en: registration for registration in Registration.objects.select_related("event")}
    assert len(registrations) == 3
    states = {registration.state() for registration in registrations.values()}
    assert states == {RegistrationState.OPEN, RegistrationState.WAITLIST, RegistrationState.CLOSED}
    statuses = Counter(Registrant.objects.values_list("status", flat=True))
    assert set(statuses) == {"confirmed", "waitlisted", "cancelled", "pending"}
    before = sorted(Registrant.objects.values_list("pk", "status", "email"))
    load_demo_content()
    tasks.recover()
    assert sorted(Registrant.objects.values_list("pk", "status", "email")) == before
    assert mail.outbox == []
