"""The registrants' emails: in their language, with the details, an .ics file for a
confirmed place and a personal link; sent once however often the task runs."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from registrations import services, tasks
from registrations.models import RegistrantStatus
from registrations.tokens import MANAGE, read_token

from .conftest import ANYONE
from .factories import RegistrantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

SUBJECTS = {
    "fi": ("Vahvista ilmoittautumisesi", "Ilmoittautuminen vahvistettu", "Olet jonotuslistalla"),
    "sv": ("Bekräfta din anmälan", "Anmälan bekräftad", "Du står på väntelistan"),
    "en": ("Confirm your registration", "Registration confirmed", "You are on the waiting list"),
}


def links(message):
    return re.findall(r"https?://\S+", message.body)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_each_email_in_the_registrants_language(language, on_commit):
    registration = RegistrationFactory(capacity=1)
    with on_commit():
        first = services.registrant_register(
            registration_id=registration.pk, name="Ada", email="ada@example.org", language=language, actor=ANYONE
        )
    confirm_subject, confirmed_subject, waitlisted_subject = SUBJECTS[language]
    request = mail.outbox[-1]
    assert confirm_subject in request.subject
    assert f"/{language}/" in links(request)[0]
    with on_commit():
        services.registrant_confirm_email(registrant=first, actor=ANYONE)
    confirmed = mail.outbox[-1]
    assert confirmed_subject in confirmed.subject
    title = getattr(registration.event, f"title_{language}")
    assert title in confirmed.subject and title in confirmed.body
    assert getattr(registration, f"confirmation_text_{language}") in confirmed.body
    (name, content, mimetype), = confirmed.attachments
    assert name == "event.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in (content.decode() if isinstance(content, bytes) else content)
    manage_link = next(link for link in links(confirmed) if f"/{language}/" in link and "ics" not in link and link != links(confirmed)[0])
    assert read_token(manage_link.rstrip("/").split("/")[-1], MANAGE) == first
    html, _type = confirmed.alternatives[0]
    assert f'lang="{language}"' in html

    with on_commit():
        second = services.registrant_register(
            registration_id=registration.pk, name="Bo", email="bo@example.org", language=language, actor=ANYONE
        )
    with on_commit():
        services.registrant_confirm_email(registrant=second, actor=ANYONE)
    assert waitlisted_subject in mail.outbox[-1].subject
    assert "1" in mail.outbox[-1].body


def test_the_status_notice_is_sent_once(db):
    registrant = RegistrantFactory(notified_status="")
    assert tasks.send_status_notice(registrant.pk) is True
    assert tasks.send_status_notice(registrant.pk) is False
    assert len(mail.outbox) == 1


def test_recover_sends_what_a_lost_task_owed_and_nothing_twice(db):
    owed = RegistrantFactory(notified_status=RegistrantStatus.PENDING)
    RegistrantFactory()
    tasks.recover()
    tasks.recover()
    assert [message.to for message in mail.outbox] == [[owed.email]]


def test_reminder_goes_once_n_days_before(db):
    soon = RegistrationFactory(capacity=1, reminder_days=2, event__start=timezone.now() + timedelta(days=1))
    later = RegistrationFactory(reminder_days=2, event__start=timezone.now() + timedelta(days=5))
    due = RegistrantFactory(registration=soon, language="sv")
    RegistrantFactory(registration=later)
    RegistrantFactory(registration=soon, status=RegistrantStatus.WAITLISTED)
    tasks.recover()
    tasks.recover()
    assert [message.to for message in mail.outbox] == [[due.email]]
    assert "Påminnelse" in mail.outbox[0].subject
    assert mail.outbox[0].attachments


def test_erased_registrants_get_nothing(db):
    registrant = RegistrantFactory(notified_status="")
    services.registrant_erase(registrant=registrant, actor=ANYONE)
    mail.outbox.clear()
    tasks.recover()
    assert tasks.send_status_notice(registrant.pk) is False
    assert mail.outbox == []


def test_no_reminder_for_a_cancelled_event(db):
    registration = RegistrationFactory(reminder_days=2, event__start=timezone.now() + timedelta(days=1), event__status="cancelled")
    RegistrantFactory(registration=registration)
    tasks.recover()
    assert mail.outbox == []
