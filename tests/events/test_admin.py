"""The event admin: a programme of sessions inline, with speakers by autocomplete."""

from __future__ import annotations

import pytest
from django.urls import reverse

from events.models import Session, Speaker
from finest.core.models import ChangeLogEntry
from tests.core.test_admin import add_inline_row, form_data, inline_prefix
from tests.factories import EventFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_sessions_are_edited_inline_with_speakers(staff_client):
    event = EventFactory()
    speaker = SpeakerFactory()
    logged = ChangeLogEntry.objects.filter(model_label="events.event", object_id=event.pk).count()
    url = reverse("admin:events_event_change", args=(event.pk,))
    page = staff_client.get(url)
    data = form_data(page)
    start = event.start.astimezone(event.start.tzinfo)
    row = {
        "title_fi": "Avaus", "title_en": "Opening", "room": "A",
        "start_0": start.strftime("%Y-%m-%d"), "start_1": "10:00",
        "end_0": start.strftime("%Y-%m-%d"), "end_1": "11:00",
        "speakers": [str(speaker.pk)],
    }
    add_inline_row(data, inline_prefix(page, Session), row)
    response = staff_client.post(url, data)
    assert response.status_code == 302
    session = event.sessions.get()
    assert list(session.speakers.all()) == [speaker]
    # The programme is part of the event as partners sync it.
    assert ChangeLogEntry.objects.filter(model_label="events.event", object_id=event.pk).count() > logged


def test_session_ending_before_it_starts_is_a_row_error(staff_client):
    event = EventFactory()
    url = reverse("admin:events_event_change", args=(event.pk,))
    page = staff_client.get(url)
    data = form_data(page)
    add_inline_row(data, inline_prefix(page, Session), {
        "title_fi": "Väärin", "start_0": "2030-01-01", "start_1": "12:00", "end_0": "2030-01-01", "end_1": "11:00",
    })
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert not event.sessions.exists()


def test_event_ending_before_start_is_a_form_error(staff_client):
    event = EventFactory()
    url = reverse("admin:events_event_change", args=(event.pk,))
    data = form_data(staff_client.get(url))
    data["end_0"], data["end_1"] = "2000-01-01", "00:00"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "end" in response.context["adminform"].form.errors


def test_a_speaker_is_added_with_an_affiliation_per_language_and_gets_a_slug(staff_client):
    url = reverse("admin:events_speaker_add")
    page = staff_client.get(url)
    html = page.content.decode()
    for code in ("fi", "sv", "en"):
        assert f'name="organisation_{code}"' in html  # one tab per language
    data = form_data(page) | {
        "name": "Mart Näidis", "slug": "", "title_fi": "Koordinaattori",
        "organisation_fi": "Tallinnan teknillinen yliopisto", "organisation_sv": "Tallinns tekniska universitet",
        "organisation_en": "Tallinn University of Technology",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    speaker = Speaker.objects.get(name="Mart Näidis")
    assert speaker.slug == "mart-naidis"
    assert (speaker.organisation_fi, speaker.organisation_sv, speaker.organisation_en) == (
        "Tallinnan teknillinen yliopisto", "Tallinns tekniska universitet", "Tallinn University of Technology",
    )
