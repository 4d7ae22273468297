import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from icalendar import Calendar

from events.models import AttendanceMode, EventKind, EventStatus
from finest.core.models import PublishState
from tests.factories import (
    EventFactory,
    FocusAreaFactory,
    PartnerFactory,
    ProjectFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.helpers import LANGUAGES, assert_page_in_language, json_ld, url, url_in

pytestmark = pytest.mark.django_db


class TestEventList:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_list_in_each_language(self, client, language):
        event = EventFactory()
        html = assert_page_in_language(client.get(url("events:list", language)), language)
        with translation.override(language):
            assert event.get_absolute_url() in html

    def test_upcoming_and_past_are_separate(self, client):
        upcoming = EventFactory(title_en="Coming seminar")
        past = EventFactory(
            title_en="Old seminar", start=timezone.now() - timedelta(days=40), end=timezone.now() - timedelta(days=39)
        )
        html = client.get(url("events:list")).content.decode()
        assert upcoming.title_en in html and past.title_en not in html
        html = client.get(url("events:list") + "?when=past").content.decode()
        assert past.title_en in html and upcoming.title_en not in html

    def test_drafts_are_not_listed(self, client):
        EventFactory(title_en="Secret draft", state=PublishState.DRAFT)
        assert "Secret draft" not in client.get(url("events:list")).content.decode()

    # In mid-June "now + 30 days" (the factory's start) and next June fall in different years.
    @time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
    def test_filter_by_kind_and_year(self, client):
        next_year = timezone.localtime().year + 1
        workshop = EventFactory(title_en="Hands-on workshop", kind=EventKind.WORKSHOP)
        later = EventFactory(
            title_en="Later conference", kind=EventKind.CONFERENCE,
            start=timezone.now().replace(year=next_year, month=6, day=15), end=timezone.now().replace(year=next_year, month=6, day=16),
        )
        html = client.get(url("events:list") + "?kind=workshop").content.decode()
        assert workshop.title_en in html and later.title_en not in html
        html = client.get(url("events:list") + f"?year={next_year}").content.decode()
        assert later.title_en in html and workshop.title_en not in html
        assert f'<option value="{next_year}" selected>' in html

    def test_year_choices_follow_the_section(self, client):
        EventFactory(start=timezone.now() - timedelta(days=800), end=timezone.now() - timedelta(days=799))
        old_year = timezone.localtime(timezone.now() - timedelta(days=800)).year
        assert f'<option value="{old_year}"' not in client.get(url("events:list")).content.decode()
        assert f'<option value="{old_year}"' in client.get(url("events:list") + "?when=past").content.decode()

    @pytest.mark.parametrize(
        "query", ["?page=abc", "?page=99999", "?page=-1", "?kind=nonsense", "?year=abc", "?year=1800", "?when=%3Cscript%3E"]
    )
    def test_nonsense_parameters_fall_back(self, client, query):
        EventFactory.create_batch(3)
        response = client.get(url("events:list") + query)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</head>")[1]

    def test_page_99999_shows_the_last_page(self, client):
        EventFactory.create_batch(25)
        html = client.get(url("events:list") + "?page=99999").content.decode()
        assert '<span aria-current="page"><span class="visually-hidden">' in html
        assert re.search(r'aria-current="page"><span class="visually-hidden">[^<]*</span>2</span>', html)

    def test_query_count_does_not_grow_with_rows(self, client, django_assert_max_num_queries):
        organisers = PartnerFactory.create_batch(3)
        for index in range(120):
            EventFactory(organisers=organisers, start=timezone.now() + timedelta(days=index + 1))
        with django_assert_max_num_queries(8):
            response = client.get(url("events:list"))
        assert response.status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get(url("events:list") + "?page=6&kind=seminar").status_code == 200


class TestEventDetail:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_detail_in_each_language(self, client, language):
        event = EventFactory(title_fi="Seminaari", title_sv="Seminarium", title_en="Seminar")
        html = assert_page_in_language(client.get(url_in(event, language)), language)
        assert {"fi": "Seminaari", "sv": "Seminarium", "en": "Seminar"}[language] in html
        for code in LANGUAGES:
            assert f'href="http://testserver{url_in(event, code)}"' in html or url_in(event, code) in html

    def test_programme_by_day_with_speakers(self, client):
        start = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0) + timedelta(days=10)
        event = EventFactory(start=start, end=start + timedelta(days=1, hours=8))
        speaker = SpeakerFactory(name="Ralf-Martin Soe", title_en="Director", organisation="TalTech", bio_en="Leads the centre.")
        first = SessionFactory(event=event, title_en="Opening", start=start, end=start + timedelta(hours=1), room_en="Hall A")
        first.speakers.add(speaker)
        SessionFactory(event=event, title_en="Day two keynote", start=start + timedelta(days=1), end=start + timedelta(days=1, hours=1))
        html = client.get(url_in(event, "en")).content.decode()
        assert html.count("<h3>") >= 2  # one heading per day
        assert html.index("Opening") < html.index("Day two keynote")
        for text in ("Ralf-Martin Soe", "Director", "TalTech", "Room: Hall A"):
            assert text in html
        # The name links to the speaker's page, which has the bio; the programme does not repeat it.
        assert f'href="{url("events:speaker", "en", slug=speaker.slug)}"' in html
        assert "Leads the centre." not in html

    def test_cancelled_event_says_so(self, client):
        event = EventFactory(status=EventStatus.CANCELLED)
        html = client.get(url_in(event, "en")).content.decode()
        assert "This event has been cancelled." in html
        data = json_ld(html)[0]
        assert data["@type"] == "Event"
        assert data["eventStatus"] == "https://schema.org/EventCancelled"

    def test_postponed_event_says_so(self, client):
        event = EventFactory(status=EventStatus.POSTPONED)
        assert "This event has been postponed." in client.get(url_in(event, "en")).content.decode()

    def test_venue_online_link_organisers_projects_and_calendar_link(self, client):
        organiser = PartnerFactory(name_en="Forum Virium Helsinki")
        hidden_partner = PartnerFactory(name_en="Hidden partner", state=PublishState.DRAFT)
        project = ProjectFactory(title_en="Smart City Twins")
        event = EventFactory(
            attendance_mode=AttendanceMode.MIXED, online_url="https://meet.example.org/finest",
            venue_name_en="Maria 01", street_address="Lapinlahdenkatu 16", postal_code="00180",
            latitude="60.166640", longitude="24.925000", organisers=[organiser, hidden_partner],
        )
        event.related_projects.add(project)
        area = FocusAreaFactory(name_en="Mobility")
        event.focus_areas.add(area)
        html = client.get(url_in(event, "en")).content.decode()
        assert url_in(area, "en") in html
        assert "Maria 01" in html and "Lapinlahdenkatu 16" in html
        assert "https://www.openstreetmap.org/?mlat=60.166640&amp;mlon=24.925000" in html
        assert "https://meet.example.org/finest" in html
        assert organiser.get_absolute_url() in html
        assert "Hidden partner" not in html
        assert project.get_absolute_url() in html
        assert f'href="{url("events:ics", "en", slug=event.slug_en)}" download' in html
        data = json_ld(html)[0]
        assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"

    def test_parent_and_sub_events(self, client):
        parent = EventFactory(title_en="Smart City Week")
        child = EventFactory(title_en="Mobility workshop", parent=parent)
        EventFactory(title_en="Draft side event", parent=parent, state=PublishState.DRAFT)
        html = client.get(url_in(parent, "en")).content.decode()
        assert "Mobility workshop" in html and "Draft side event" not in html
        assert parent.get_absolute_url() in client.get(url_in(child, "en")).content.decode()

    def test_missing_translation_shows_a_note(self, client):
        event = EventFactory(title_fi="Vain suomeksi", title_sv="", title_en="")
        html = client.get(url_in(event, "sv")).content.decode()
        assert "Vain suomeksi" in html
        assert 'class="fallback-note"' in html
        assert '<h1 lang="fi">' in html

    def test_unknown_slug_is_404(self, client):
        assert client.get(url("events:detail", "en", slug="no-such-event")).status_code == 404

    def test_draft_is_404_for_visitors_and_previewable_for_staff(self, staff_client):
        client = Client()
        event = EventFactory(state=PublishState.DRAFT, published_at=None)
        assert client.get(url_in(event, "en")).status_code == 404
        response = staff_client.get(url_in(event, "en"))
        assert response.status_code == 200
        assert "Draft – not public" in response.content.decode()

    def test_future_publish_date_is_not_public_yet(self, client):
        event = EventFactory(published_at=timezone.now() + timedelta(days=1))
        assert client.get(url_in(event, "en")).status_code == 404

    def test_slug_of_another_language_redirects_permanently(self, client):
        event = EventFactory(title_fi="Seminaari", title_en="Seminar")
        response = client.get(url("events:detail", "en", slug=event.slug_fi))
        assert response.status_code == 301
        assert response["Location"] == url_in(event, "en")

    def test_old_slug_redirects_permanently(self, client):
        event = EventFactory(title_en="Old title")
        old = event.slug_en
        event.slug_en = "new-title"
        event.save()
        response = client.get(url("events:detail", "en", slug=old))
        assert response.status_code == 301
        assert response["Location"].endswith("/new-title/")

    def test_query_count_does_not_grow_with_the_programme(self, client, django_assert_max_num_queries):
        event = EventFactory(organisers=PartnerFactory.create_batch(5))
        for project in ProjectFactory.create_batch(5):
            event.related_projects.add(project)
        speakers = SpeakerFactory.create_batch(10)
        for index in range(120):
            session = SessionFactory(
                event=event, start=event.start + timedelta(minutes=index), end=event.start + timedelta(minutes=index + 1)
            )
            session.speakers.set(speakers[index % 10: index % 10 + 2])
        EventFactory.create_batch(5, parent=event)
        with django_assert_max_num_queries(14):
            response = client.get(url_in(event, "en"))
        assert response.status_code == 200


class TestCalendarDownloads:
    def test_event_ics(self, client):
        event = EventFactory(
            title_en="Digital twins seminar", summary_en="Twins for cities.", venue_name_en="Maria 01",
            street_address="Lapinlahdenkatu 16", latitude="60.166640", longitude="24.925000",
        )
        response = client.get(url("events:ics", "en", slug=event.slug_en))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{event.slug_en}.ics"'
        content = response.content.decode()
        assert content.startswith("BEGIN:VCALENDAR")
        calendar = Calendar.from_ical(response.content)
        (entry,) = calendar.walk("VEVENT")
        assert str(entry["SUMMARY"]) == "Digital twins seminar"
        assert str(entry["UID"]).startswith(str(event.public_id))
        assert entry.decoded("DTSTART") == event.start.replace(microsecond=0)
        assert "DTSTART:" in content and content.split("DTSTART:")[1].split("\r\n")[0].endswith("Z")
        assert "Maria 01" in str(entry["LOCATION"])
        assert str(entry["URL"]).endswith(url_in(event, "en"))
        assert str(entry["STATUS"]) == "CONFIRMED"

    def test_ics_texts_follow_the_language(self, client):
        event = EventFactory(title_fi="Seminaari", title_sv="Seminarium", title_en="Seminar")
        content = client.get(url("events:ics", "sv", slug=event.slug_sv)).content.decode()
        assert "SUMMARY:Seminarium" in content

    def test_cancelled_event_ics(self, client):
        event = EventFactory(status=EventStatus.CANCELLED, title_en="Called off")
        content = client.get(url("events:ics", "en", slug=event.slug_en)).content.decode()
        assert "STATUS:CANCELLED" in content
        assert "Called off" in content

    def test_ics_of_draft_and_unknown_event_is_404(self, client):
        event = EventFactory(state=PublishState.DRAFT, published_at=None)
        assert client.get(url("events:ics", "en", slug=event.slug_en)).status_code == 404
        assert client.get(url("events:ics", "en", slug="nothing-here")).status_code == 404

    def test_ics_with_another_languages_slug_redirects_to_the_ics(self, client):
        event = EventFactory(title_fi="Seminaari", title_en="Seminar")
        response = client.get(url("events:ics", "en", slug=event.slug_fi))
        assert response.status_code == 301
        assert response["Location"] == url("events:ics", "en", slug=event.slug_en)

    def test_feed_has_all_upcoming_public_events_only(self, client, django_assert_max_num_queries):
        for index in range(110):
            EventFactory(title_en=f"Upcoming {index}", start=timezone.now() + timedelta(days=index + 1))
        EventFactory(title_en="Past one", start=timezone.now() - timedelta(days=5), end=timezone.now() - timedelta(days=4))
        EventFactory(title_en="Draft one", state=PublishState.DRAFT)
        with django_assert_max_num_queries(3):
            response = client.get(url("events:feed-ics", "en"))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert 'filename="finest-twins-events-en.ics"' in response["Content-Disposition"]
        calendar = Calendar.from_ical(response.content)
        summaries = {str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")}
        assert len(summaries) == 110
        assert "Past one" not in summaries and "Draft one" not in summaries

    def test_event_list_links_the_feed(self, client):
        html = client.get(url("events:list")).content.decode()
        assert 'type="text/calendar"' in html and url("events:feed-ics") in html
