"""Registration as a visitor does it in a real browser: register in Swedish on the event
page, confirm from the email, cancel from the personal link, and see the next person on
the waiting list promoted (their own personal page says so, and they got the email)."""

from __future__ import annotations

import os
import re

import pytest
from django.core import mail

from finest.core.i18n import url_in_language
from finest.core.permissions import Actor
from registrations import services
from registrations.models import RegistrantStatus
from tests.registrations.factories import RegistrationFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_in(message, live_server) -> str:
    """The first link to the site in the message (the confirmation link of the first email)."""
    found = re.search(r"https?://\S+?(/(?:fi|sv|en)/\S+)", message.body)
    return live_server.url + found.group(1)


def personal_link(message, live_server, language_prefix: str, segment: str) -> str:
    """The view-or-cancel link (its path segment is translated: /sv/…/min/…, /fi/…/oma/…)."""
    paths = re.findall(r"https?://\S+?(/(?:fi|sv|en)/\S+)", message.body)
    return live_server.url + next(path for path in paths if path.startswith(language_prefix) and segment in path)


def test_register_in_swedish_confirm_cancel_and_the_next_is_promoted(page, live_server, settings, axe_check):
    settings.REGISTRATIONS_MIN_FORM_SECONDS = 0
    settings.SITE_URL = live_server.url
    registration = RegistrationFactory(capacity=1, ask_dietary=True)

    page.goto(live_server.url + url_in_language(registration.event, "sv"))
    form = page.locator("form.registration-form")
    form.get_by_label("Namn").fill("Greta Gustafsson")
    form.get_by_label("E-postadress").fill("greta@example.org")
    form.get_by_label("Specialkost").fill("Vegetarisk")
    axe_check(page)
    form.get_by_role("button", name="Anmäl dig").click()
    page.get_by_role("heading", name="Kontrollera din e-post").wait_for()

    request = mail.outbox[-1]
    assert request.to == ["greta@example.org"] and "Bekräfta din anmälan" in request.subject
    page.goto(link_in(request, live_server))
    page.get_by_role("button", name="Bekräfta min anmälan").click()
    page.get_by_text("Din plats är bekräftad.").wait_for()
    confirmed = mail.outbox[-1]
    assert "Anmälan bekräftad" in confirmed.subject and confirmed.attachments

    # Someone else joins meanwhile; the event is full, so they wait.
    other = services.registrant_register(
        registration_id=registration.pk, name="Olli", email="olli@example.org", language="fi", actor=Actor.anonymous()
    )
    other = services.registrant_confirm_email(registrant=other, actor=Actor.anonymous())
    assert other.status == RegistrantStatus.WAITLISTED
    olli_link = personal_link(mail.outbox[-1], live_server, "/fi/", "/oma/")

    page.goto(personal_link(confirmed, live_server, "/sv/", "/min/"))
    page.get_by_role("button", name="Avboka min anmälan").click()
    page.get_by_text("Din anmälan är nu avbokad.").wait_for()

    other.refresh_from_db()
    assert other.status == RegistrantStatus.CONFIRMED
    promoted = mail.outbox[-1]
    assert promoted.to == ["olli@example.org"] and "Sait paikan" in promoted.subject
    page.goto(olli_link)
    page.get_by_text("Paikkasi on vahvistettu.").wait_for()
    assert page.js_errors == []
