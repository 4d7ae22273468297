"""Speaker pages (issue 14): public only for speakers of published events, with the photo or an
initials placeholder, the translated affiliation, the bio and the sessions; the event page links
each speaker and does not repeat a note that all its speakers share."""

import importlib
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo.content.events import DEMO_SPEAKER_BIO
from demo.loader import demo_public_id, load_demo_content
from events.models import Event, Speaker
from finest.core import fragments
from finest.core.models import PublishState
from medialibrary.services import renditions_generate
from tests.factories import (
    CityFactory,
    EventFactory,
    ImageFactory,
    PartnerFactory,
    SessionFactory,
    SpeakerFactory,
    StaffUserFactory,
)
from tests.helpers import LANGUAGES, assert_page_in_language, json_ld, url, url_in

pytestmark = pytest.mark.django_db

SPEAKER_PATHS = {"fi": "/fi/tapahtumat/puhujat/{}/", "sv": "/sv/evenemang/talare/{}/", "en": "/en/events/speakers/{}/"}
AFFILIATION = {"fi": "Aalto-yliopisto", "sv": "Aalto-universitetet", "en": "Aalto University"}
DISCLAIMER = {
    "fi": "Kuvitteellinen demopuhuja.",
    "sv": "En fiktiv demotalare.",
    "en": "A fictional demo speaker.",
}


def historical_apps(node):
    return MigrationLoader(connection).project_state(node).apps


def translated_affiliation(**kwargs):
    return {f"organisation_{code}": value for code, value in AFFILIATION.items()} | kwargs


def in_session(speaker, event=None, **kwargs):
    event = event or EventFactory()
    session = SessionFactory(event=event, **kwargs)
    session.speakers.add(speaker)
    return session


@pytest.fixture
def speaker():
    speaker = SpeakerFactory(
        name="Maria Esimerkki", title_fi="Tutkimusjohtaja", title_sv="Forskningsledare", title_en="Research lead",
        **translated_affiliation(), bio_fi="<p>Johtaa tutkimusta.</p>", bio_sv="<p>Leder forskningen.</p>",
        bio_en="<p>Leads the research.</p>",
    )
    in_session(speaker, EventFactory(title_fi="Konferenssi", title_sv="Konferensen", title_en="The conference"),
               title_fi="Avaus", title_sv="Öppning", title_en="Opening")
    return speaker


class TestSlug:
    def test_filled_from_the_name_and_unique_among_namesakes(self):
        first, second = SpeakerFactory(name="Mart Näidis"), SpeakerFactory(name="Mart Näidis")
        assert (first.slug, second.slug) == ("mart-naidis", "mart-naidis-2")

    def test_kept_when_the_name_is_corrected(self):
        speaker = SpeakerFactory(name="Mart Naidis")
        speaker.name = "Mart Näidis Jr"
        speaker.save()
        speaker.refresh_from_db()
        assert speaker.slug == "mart-naidis"

    def test_initials(self):
        assert Speaker(name="Ralf-Martin Soe").initials == "RS"
        assert Speaker(name="Madonna").initials == "M"
        assert Speaker(name="  ").initials == ""


class TestSpeakerPage:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_a_speaker_of_a_published_event_has_a_page_in_each_language(self, client, speaker, language):
        path = SPEAKER_PATHS[language].format(speaker.slug)
        assert url_in(speaker, language) == path
        html = assert_page_in_language(client.get(path), language)
        assert "<h1>Maria Esimerkki</h1>" in html
        assert AFFILIATION[language] in html
        assert {"fi": "Tutkimusjohtaja", "sv": "Forskningsledare", "en": "Research lead"}[language] in html
        assert {"fi": "Johtaa tutkimusta.", "sv": "Leder forskningen.", "en": "Leads the research."}[language] in html
        for other in LANGUAGES:
            assert re.search(rf'hreflang="{other}" href="http[^"]*{re.escape(SPEAKER_PATHS[other].format(speaker.slug))}"', html)
        # The other languages' affiliations are not on the page.
        assert all(AFFILIATION[other] not in html for other in LANGUAGES if other != language)

    def test_a_changed_bio_shows_at_once(self, client, speaker):
        assert "Leads the research." in client.get(url_in(speaker, "en")).content.decode()
        speaker.bio_en = "<p>Now leads the lab.</p>"
        speaker.save()
        assert "Now leads the lab." in client.get(url_in(speaker, "en")).content.decode()

    def test_a_speaker_only_in_drafts_has_no_page(self, client):
        speaker = SpeakerFactory()
        in_session(speaker, EventFactory(state=PublishState.DRAFT))
        in_session(speaker, EventFactory(published_at=timezone.now() + timedelta(days=3)))  # not yet public
        for language in LANGUAGES:
            assert client.get(url_in(speaker, language)).status_code == 404

    def test_a_speaker_without_sessions_or_an_unknown_slug_is_a_404(self, client):
        assert client.get(url_in(SpeakerFactory(), "en")).status_code == 404
        assert client.get(url("events:speaker", "en", slug="nobody")).status_code == 404

    def test_staff_do_not_see_a_draft_only_speaker_either(self, client):
        speaker = SpeakerFactory()
        in_session(speaker, EventFactory(state=PublishState.DRAFT))
        client.force_login(StaffUserFactory())
        assert client.get(url_in(speaker, "en")).status_code == 404

    def test_the_sessions_of_published_events_with_times_and_links(self, client):
        speaker = SpeakerFactory(name="Kati Näide")
        start = timezone.now().replace(microsecond=0) + timedelta(days=30)
        tallinn = CityFactory(name_fi="Tallinna", name_sv="Tallinn", name_en="Tallinn")
        later = EventFactory(title_en="Closing seminar", start=start + timedelta(days=5), end=start + timedelta(days=5, hours=4))
        earlier = EventFactory(title_en="Data workshop", start=start, end=start + timedelta(hours=6), city=tallinn)
        draft = EventFactory(title_en="Secret planning", state=PublishState.DRAFT, start=start, end=start + timedelta(hours=1))
        colleague = SpeakerFactory(name="Liisa Malli")
        in_session(speaker, later, title_en="Results", start=later.start, end=later.start + timedelta(hours=1))
        workshop = in_session(speaker, earlier, title_en="Hands-on data", room_en="Hall B",
                              start=earlier.start + timedelta(hours=1), end=earlier.start + timedelta(hours=2))
        workshop.speakers.add(colleague)
        in_session(speaker, draft, title_en="Hidden session")

        html = client.get(url_in(speaker, "en")).content.decode()
        assert html.index("Hands-on data") < html.index("Results")  # in time order
        assert "Hidden session" not in html and "Secret planning" not in html
        assert f'href="{url_in(earlier, "en")}">Data workshop</a>, Tallinn' in html
        assert f'href="{url_in(later, "en")}">Closing seminar</a>' in html
        assert f'<time datetime="{timezone.localtime(workshop.start).isoformat()}">' in html
        assert "Room: Hall B" in html
        assert f'href="{url_in(colleague, "en")}">Liisa Malli</a>' in html
        assert html.count('class="speaker-session"') == 2

    def test_the_query_count_does_not_grow_with_the_sessions(self, client, django_assert_max_num_queries):
        def speaker_with(sessions: int) -> Speaker:
            speaker = SpeakerFactory(photo=ImageFactory())
            others = SpeakerFactory.create_batch(3)
            for index in range(sessions):
                session = in_session(speaker, EventFactory(city=CityFactory()))
                session.speakers.add(others[index % 3])
            return speaker

        small, large = speaker_with(2), speaker_with(40)
        counts = []
        for speaker in (small, large):
            fragments.clear()  # the navigation is kept per version of the pages: each count starts without it
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url_in(speaker, "en")).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
        with django_assert_max_num_queries(12):
            assert client.get(url_in(large, "fi")).status_code == 200

    def test_the_photo_through_the_renditions_with_size_and_alt_text(self, client, speaker):
        speaker.photo = ImageFactory(alt_en="Maria Esimerkki at the lectern")
        speaker.save()
        renditions_generate(image_id=speaker.photo.pk)
        html = client.get(url_in(speaker, "en")).content.decode()
        img = re.search(r'<img [^>]*class="speaker-portrait"[^>]*>', html).group(0)
        assert 'alt="Maria Esimerkki at the lectern"' in img
        assert 'width="96"' in img and 'height="96"' in img
        assert "/media/" in img and "speaker-initials" not in html

    def test_without_a_photo_the_initials_not_a_broken_image(self, client, speaker):
        html = client.get(url_in(speaker, "en")).content.decode()
        assert '<span class="speaker-initials speaker-portrait" aria-hidden="true">ME</span>' in html
        assert "<img" not in html.split('<article class="speaker-detail">')[1].split("</article>")[0]

    def test_the_affiliation_links_to_a_public_partner(self, client, speaker):
        speaker.partner = PartnerFactory(name_en="Aalto University")
        speaker.save()
        html = client.get(url_in(speaker, "en")).content.decode()
        assert f'<a href="{url_in(speaker.partner, "en")}">Aalto University</a>' in html
        speaker.partner.state = PublishState.DRAFT
        speaker.partner.save()
        html = client.get(url_in(speaker, "en")).content.decode()
        assert url_in(speaker.partner, "en") not in html
        assert "Aalto University" in html

    def test_an_untranslated_affiliation_falls_back_with_its_language(self, client):
        speaker = SpeakerFactory(organisation_fi="Tallinnan kaupunki", organisation_sv=None, organisation_en=None)
        in_session(speaker)
        html = client.get(url_in(speaker, "sv")).content.decode()
        assert '<span lang="fi">Tallinnan kaupunki</span>' in html

    def test_json_ld_person(self, client, speaker):
        (data,) = json_ld(client.get(url_in(speaker, "sv")).content.decode())
        assert data["@type"] == "Person"
        assert data["name"] == "Maria Esimerkki"
        assert data["worksFor"] == {"@type": "Organization", "name": "Aalto-universitetet"}
        assert data["url"].endswith(url_in(speaker, "sv"))

    def test_listed_in_the_sitemap_unless_only_in_drafts(self, client, speaker):
        hidden = SpeakerFactory(name="Hidden Person")
        in_session(hidden, EventFactory(state=PublishState.DRAFT))
        sitemap = client.get("/sitemap.xml").content.decode()
        for language in LANGUAGES:
            assert f"{url_in(speaker, language)}</loc>" in sitemap
        assert hidden.slug not in sitemap


class TestEventPage:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_speakers_link_to_their_pages_with_the_affiliation_in_the_page_language(self, client, language):
        event = EventFactory()
        speaker = SpeakerFactory(name="Maria Esimerkki", **translated_affiliation())
        in_session(speaker, event)
        html = client.get(url_in(event, language)).content.decode()
        assert f'<a href="{url_in(speaker, language)}"><strong>Maria Esimerkki</strong></a>' in html
        assert AFFILIATION[language] in html
        assert all(AFFILIATION[other] not in html for other in LANGUAGES if other != language)

    def test_a_speaker_without_a_photo_gets_initials(self, client):
        event = EventFactory()
        in_session(SpeakerFactory(name="Ralf-Martin Soe"), event)
        html = client.get(url_in(event, "en")).content.decode()
        assert '<span class="speaker-initials" aria-hidden="true">RS</span>' in html

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_demo_disclaimer_once_per_page_in_its_language(self, client, language):
        """The demo's speakers share one bio that says they are fictional: the event page says that
        the programme is illustrative once (in its description), and each speaker page once."""
        event = EventFactory(
            description_fi="<p>Ohjelma on demosisältöä.</p>", description_sv="<p>Programmet är demoinnehåll.</p>",
            description_en="<p>The programme is demo content.</p>",
        )
        speakers = [
            SpeakerFactory(**{f"bio_{code}": f"<p>{text}</p>" for code, text in DISCLAIMER.items()}) for _ in range(15)
        ]
        for index, speaker in enumerate(speakers):
            in_session(speaker, event, start=event.start + timedelta(minutes=index), end=event.start + timedelta(minutes=index + 1))
        html = client.get(url_in(event, language)).content.decode()
        programme_note = {"fi": "Ohjelma on demosisältöä.", "sv": "Programmet är demoinnehåll.", "en": "The programme is demo content."}
        assert html.count(programme_note[language]) == 1
        assert all(text not in html for text in DISCLAIMER.values())
        assert html.count('class="speaker"') == 15
        page = client.get(url_in(speakers[0], language)).content.decode()
        visible = page.split('<main')[1].split("</main>")[0]  # not the meta description or JSON-LD
        assert visible.count(DISCLAIMER[language]) == 1
        assert all(DISCLAIMER[other] not in page for other in LANGUAGES if other != language)

    def test_a_draft_preview_does_not_link_to_speaker_pages(self, client):
        event = EventFactory(state=PublishState.DRAFT)
        speaker = SpeakerFactory(name="Jaan Proov")
        in_session(speaker, event)
        client.force_login(StaffUserFactory())
        html = client.get(url_in(event, "en")).content.decode()
        assert "Jaan Proov" in html
        assert url_in(speaker, "en") not in html


class TestAffiliation:
    def test_the_migration_copies_the_value_into_every_language(self):
        migration = importlib.import_module("events.migrations.0011_speaker_affiliation_translated")
        historical = historical_apps(("events", "0011_speaker_affiliation_translated"))
        speaker = SpeakerFactory()
        # The historical model, as the migration sees it (the live one would route "organisation" to a language).
        historical.get_model("events", "Speaker").objects.filter(pk=speaker.pk).update(
            organisation="TalTech", organisation_fi=None, organisation_sv=None, organisation_en=None,
        )
        migration.copy_into_languages(historical, None)
        speaker.refresh_from_db()
        assert (speaker.organisation_fi, speaker.organisation_sv, speaker.organisation_en) == ("TalTech",) * 3

    def test_the_slug_migration_gives_namesakes_their_own(self):
        migration = importlib.import_module("events.migrations.0012_speaker_slug_filled")
        first, second = SpeakerFactory(name="Anna Exempel"), SpeakerFactory(name="Anna Exempel")
        Speaker.objects.filter(pk=first.pk).update(slug="before-1")
        Speaker.objects.filter(pk=second.pk).update(slug="before-2")
        migration.fill_slugs(historical_apps(("events", "0013_speaker_slug_unique")), None)
        first.refresh_from_db()
        second.refresh_from_db()
        assert {first.slug, second.slug} == {"anna-exempel", "anna-exempel-2"}

    def test_the_api_gives_the_affiliation_per_language(self, client):
        event = EventFactory()
        in_session(SpeakerFactory(**translated_affiliation()), event)
        item = client.get(f"/api/v1/events/{event.pk}/").json()
        assert item["sessions"][0]["speakers"][0]["organisation"] == AFFILIATION
        item = client.get(f"/api/v1/events/{event.pk}/?lang=sv").json()
        assert item["sessions"][0]["speakers"][0]["organisation"] == "Aalto-universitetet"

    def test_the_admin_shows_a_tab_per_language(self, client):
        speaker = SpeakerFactory(**translated_affiliation())
        client.force_login(StaffUserFactory())
        html = client.get(f"/admin/events/speaker/{speaker.pk}/change/").content.decode()
        for code in LANGUAGES:
            assert f'name="organisation_{code}"' in html
            assert f'value="{AFFILIATION[code]}"' in html


@time_machine.travel(datetime(2026, 11, 22, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki")), tick=False)
def test_the_demo_conference_says_once_that_its_programme_is_illustrative(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with TestCase.captureOnCommitCallbacks(execute=False):  # the pages need no renditions
        load_demo_content()
    conference = Event.objects.get(public_id=demo_public_id("events.event", "conference-2023"))
    programme_note = {
        "fi": "Ohjelma on demosisältöä", "sv": "Programmet är demoinnehåll", "en": "The programme is demo content",
    }
    aalto = {"fi": "Aalto-yliopisto", "sv": "Aalto-universitetet", "en": "Aalto University"}
    speaker = Speaker.objects.get(name="Maria Esimerkki")
    appearances = Speaker.sessions.through.objects.filter(session__event=conference).count()
    assert appearances > 10
    for language in LANGUAGES:
        html = client.get(url_in(conference, language)).content.decode()
        assert html.count(programme_note[language]) == 1
        assert getattr(DEMO_SPEAKER_BIO, language).split(".")[0] not in html
        assert html.count('class="speaker"') == appearances
        assert f"{speaker.name}</strong></a><br><span class=\"meta\"><span>" in html
        assert aalto[language] in html
        page = client.get(url_in(speaker, language)).content.decode().split("<main")[1].split("</main>")[0]
        assert page.count(getattr(DEMO_SPEAKER_BIO, language)) == 1
        assert aalto[language] in page
