"""The public side: the form on the event page in the visitor's language, the states it
shows, sign-up, confirmation and the personal page, and every bad input answered with a
clear page (never a 500)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.utils import timezone

from events.models import EventStatus
from newsletter.models import RateLimitHit
from registrations.forms import started_token
from registrations.models import Registrant, RegistrantStatus
from registrations.tokens import CONFIRM, MANAGE, make_token
from tests.helpers import url, url_in

from .factories import QuestionFactory, RegistrantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def form_data(**extra):
    return {"name": "Ada Lovelace", "email": "ada@example.org", "started": started_token(), "website": "", **extra}


def event_page(client, registration, language="en"):
    response = client.get(url_in(registration.event, language))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "label", "button"), [("fi", "Nimi", "Ilmoittaudu"), ("sv", "Namn", "Anmäl dig"), ("en", "Name", "Register")]
)
def test_event_page_has_the_form_in_the_visitors_language(client, language, label, button):
    registration = RegistrationFactory()
    QuestionFactory(registration=registration)
    html = event_page(client, registration, language)
    assert 'id="registration"' in html
    assert f">{label} <span" in html and f">{button}</button>" in html
    assert {"fi": "Mikä kiinnostaa?", "sv": "Vad intresserar dig?", "en": "What interests you?"}[language] in html
    assert 'name="website"' in html


def test_event_page_states(client):
    full = RegistrationFactory(capacity=1, waitlist_enabled=False)
    RegistrantFactory(registration=full)
    waitlist = RegistrationFactory(capacity=1)
    RegistrantFactory(registration=waitlist)
    later = RegistrationFactory(opens_at=timezone.now() + timedelta(days=3))
    cancelled = RegistrationFactory(event__status=EventStatus.CANCELLED)
    assert "The event is full, and so is its waiting list." in event_page(client, full)
    assert 'class="registration-form"' not in event_page(client, full)
    assert "Join the waiting list" in event_page(client, waitlist)
    html = event_page(client, later)
    assert "Registration opens on" in html and 'class="registration-form"' not in html
    assert "registration is closed" in event_page(client, cancelled)


def test_without_registration_the_page_has_no_form(client):
    registration = RegistrationFactory(enabled=False)
    assert 'id="registration"' not in event_page(client, registration)


def test_register_in_swedish_confirm_and_cancel(client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("registrations:signup", "sv", registration_id=registration.pk), form_data())
    assert response.status_code == 302 and response["Location"] == url("registrations:sent", "sv")
    registrant = Registrant.objects.get()
    assert registrant.language == "sv" and registrant.status == RegistrantStatus.PENDING
    confirm_link = re.search(r"https?://\S+/(sv/\S+)", mail.outbox[0].body).group(0)
    path = "/" + confirm_link.split("/", 3)[3]
    assert "Bekräfta min anmälan" in client.get(path).content.decode()
    assert Registrant.objects.get().status == RegistrantStatus.PENDING  # a GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Din plats är bekräftad." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("registrations:cancel", "sv", token=make_token(registrant, MANAGE)))
    assert "Din anmälan är nu avbokad." in response.content.decode()
    assert Registrant.objects.get().status == RegistrantStatus.CANCELLED


def test_refusals_are_clear_messages_not_errors(client):
    registration = RegistrationFactory()
    RegistrantFactory(registration=registration, name="Ada Lovelace", email="ada@example.org")
    response = client.post(url("registrations:signup", "en", registration_id=registration.pk), form_data())
    assert response.status_code == 400
    assert "You have already registered with this name and email address." in response.content.decode()

    response = client.post(url("registrations:signup", "fi", registration_id=registration.pk), form_data(email="bad"))
    assert response.status_code == 400
    assert "Syötä kelvollinen sähköpostiosoite." in response.content.decode()


def test_closed_registration_refuses_in_the_visitors_language(client):
    registration = RegistrationFactory(closes_at=timezone.now() - timedelta(minutes=1))
    response = client.post(url("registrations:signup", "fi", registration_id=registration.pk), form_data())
    assert response.status_code == 400
    assert "Ilmoittautuminen on päättynyt." in response.content.decode()


def test_full_waitlist_refuses(client):
    registration = RegistrationFactory(capacity=1, waitlist_capacity=1)
    RegistrantFactory(registration=registration)
    RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED)
    response = client.post(url("registrations:signup", "en", registration_id=registration.pk), form_data())
    assert response.status_code == 400
    assert "The event is full, and so is its waiting list." in response.content.decode()


def test_bots_are_turned_away(client, settings):
    registration = RegistrationFactory()
    response = client.post(url("registrations:signup", "en", registration_id=registration.pk), form_data(website="http://spam"))
    assert response.status_code == 302 and not Registrant.objects.exists()
    settings.REGISTRATIONS_MIN_FORM_SECONDS = 30
    response = client.post(url("registrations:signup", "en", registration_id=registration.pk), form_data())
    assert response.status_code == 400 and "too quickly" in response.content.decode()
    response = client.post(url("registrations:signup", "en", registration_id=registration.pk), form_data(started="forged"))
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert not Registrant.objects.exists()


def test_rate_limit(client, settings):
    settings.REGISTRATIONS_SIGNUPS_PER_IP = 2
    registration = RegistrationFactory(max_per_email=10)
    for number in range(2):
        response = client.post(url("registrations:signup", "en", registration_id=registration.pk), form_data(name=f"P{number}"))
        assert response.status_code == 302
    response = client.post(url("registrations:signup", "en", registration_id=registration.pk), form_data(name="P3"))
    assert response.status_code == 429 and "Too many registrations" in response.content.decode()
    assert RateLimitHit.objects.count() == 2


def test_unknown_or_draft_registration_is_404(client):
    draft = RegistrationFactory(event__state="draft")
    assert client.get(url("registrations:signup", "en", registration_id=draft.pk)).status_code == 404
    assert client.get(url("registrations:signup", "en", registration_id=99999)).status_code == 404


def test_forged_expired_and_foreign_links(client, settings):
    mine = RegistrantFactory(status=RegistrantStatus.PENDING)
    other = RegistrantFactory()
    assert client.get(url("registrations:manage", "en", token="forged")).status_code == 404
    assert client.post(url("registrations:cancel", "en", token="forged")).status_code == 404
    # A confirmation link does not open the personal page, and a link opens only its own registration.
    assert client.get(url("registrations:manage", "en", token=make_token(mine, CONFIRM))).status_code == 404
    token = make_token(mine, MANAGE)
    other_token_with_my_key = signing.dumps([other.pk, mine.key], salt=MANAGE)
    assert client.get(url("registrations:manage", "en", token=other_token_with_my_key)).status_code == 404
    confirm_token = make_token(mine, CONFIRM)
    with time_machine.travel(timezone.now() + timedelta(hours=settings.REGISTRATIONS_CONFIRM_MAX_AGE_HOURS + 1)):
        response = client.get(url("registrations:confirm", "fi", token=confirm_token))
    assert response.status_code == 410 and "Vahvistuslinkit ovat voimassa rajoitetun ajan." in response.content.decode()
    response = client.get(url("registrations:manage", "en", token=token))
    assert response.status_code == 200 and mine.email in response.content.decode()


def test_confirmation_after_the_last_places_went(client):
    registration = RegistrationFactory(capacity=1, waitlist_enabled=False)
    pending = RegistrantFactory(registration=registration, status=RegistrantStatus.PENDING, hold="")
    RegistrantFactory(registration=registration)
    response = client.post(url("registrations:confirm", "en", token=make_token(pending, CONFIRM)))
    assert response.status_code == 409
    assert "the last places went" in response.content.decode()


def test_waitlisted_sees_the_position(client):
    registration = RegistrationFactory(capacity=1)
    RegistrantFactory(registration=registration)
    RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED)
    second = RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED)
    response = client.get(url("registrations:manage", "en", token=make_token(second, MANAGE)))
    assert "You are on the waiting list, in position 2." in response.content.decode()


def test_self_erasure_through_the_personal_link(client):
    registrant = RegistrantFactory()
    token = make_token(registrant, MANAGE)
    response = client.post(url("registrations:erase", "en", token=token))
    assert response.status_code == 400
    response = client.post(url("registrations:erase", "en", token=token), {"confirm": "on"})
    assert response.status_code == 200 and "Your data has been erased" in response.content.decode()
    registrant.refresh_from_db()
    assert registrant.erased_at and registrant.email == ""
    assert client.get(url("registrations:manage", "en", token=token)).status_code == 404


def test_privacy_page_states_the_retention(client, settings):
    settings.REGISTRATIONS_RETENTION_DAYS = 90
    for language, text in (("en", "90 days after the event"), ("fi", "90 päivän kuluttua"), ("sv", "90 dagar efter")):
        response = client.get(url("website:privacy", language))
        assert text in response.content.decode()


def test_event_page_queries_stay_few(client, django_assert_max_num_queries):
    registration = RegistrationFactory()
    QuestionFactory.create_batch(5, registration=registration)
    RegistrantFactory.create_batch(30, registration=registration)
    with django_assert_max_num_queries(25):
        event_page(client, registration)
