"""Real-browser flows over the pages SITE-B owns: downloading an event's .ics from
its page, filtering the Living Lab pilots, and axe-core scans of the event, Living
Lab, news and speaker pages in every language."""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from events.models import AttendanceMode, EventStatus
from finest.core.i18n import url_in_language
from finest.core.models import Country
from living_lab.models import PilotPhase
from tests.factories import (
    ArticleFactory,
    CityFactory,
    EventFactory,
    FocusAreaFactory,
    KPIFactory,
    KPIValueFactory,
    OpenCallFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.helpers import LANGUAGES
from tests.helpers import url as reverse_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def content(transactional_db):
    """An event with a programme, a cancelled event, a cross-border and a local pilot
    with KPIs, an open call and a news article linking them."""
    mobility = FocusAreaFactory(name_fi="Liikkuminen", name_sv="Mobilitet", name_en="Mobility")
    helsinki = CityFactory(name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki", country=Country.FINLAND)
    tallinn = CityFactory(name_fi="Tallinna", name_sv="Tallinn", name_en="Tallinn", country=Country.ESTONIA)
    fvh = PartnerFactory(name_fi="Forum Virium Helsinki", name_sv="Forum Virium Helsinki", name_en="Forum Virium Helsinki",
                         city=helsinki)
    project = ProjectFactory(title_fi="FinEst Twins", title_sv="FinEst Twins", title_en="FinEst Twins")
    start = (timezone.now() + timedelta(days=20)).replace(hour=7, minute=0, second=0, microsecond=0)
    event = EventFactory(
        title_fi="Kaksoiskaupunkien datatyöpaja", title_sv="Tvillingstädernas dataworkshop", title_en="Twin-city data workshop",
        summary_fi="Työpaja datan käytöstä.", summary_sv="En workshop om data.", summary_en="A workshop on using data.",
        attendance_mode=AttendanceMode.MIXED, online_url="https://meet.example.org/twin-city",
        venue_name_fi="Maria 01", venue_name_sv="Maria 01", venue_name_en="Maria 01", street_address="Lapinlahdenkatu 16",
        postal_code="00180", city=helsinki, latitude=Decimal("60.166640"), longitude=Decimal("24.925000"),
        start=start, end=start + timedelta(hours=6), organisers=[fvh],
    )
    event.related_projects.add(project)
    speaker = SpeakerFactory(name="Ralf-Martin Soe", title_fi="Johtaja", title_sv="Direktör", title_en="Director",
                             organisation="TalTech", bio_en="Leads the Centre of Excellence.")
    session = SessionFactory(event=event, title_fi="Avaus", title_sv="Öppning", title_en="Opening",
                             start=start, end=start + timedelta(hours=1), room_fi="Sali", room_en="Hall")
    session.speakers.add(speaker)
    cancelled = EventFactory(title_en="Site visit", title_fi="Tutustumiskäynti", title_sv="Studiebesök",
                             status=EventStatus.CANCELLED, city=tallinn)
    call = OpenCallFactory(title_fi="Avoin haku", title_sv="Öppen ansökan", title_en="Open call for pilots",
                           eligibility_en="Companies in Finland and Estonia.", host=fvh,
                           application_url="https://apply.example.org/")
    cross_border = PilotFactory(
        title_fi="Rajat ylittävä liikkumisdata", title_sv="Gränsöverskridande mobilitetsdata", title_en="Cross-border mobility data",
        phase=PilotPhase.PILOTING, host=fvh, focus_area=mobility, cities=[helsinki, tallinn], open_call=call, project=project,
        challenge_en="Travel data stops at the border.", results_en="A shared data model.",
    )
    kpi = KPIFactory(pilot=cross_border, name_fi="Yhdistetyt matkat", name_sv="Sammanlänkade resor", name_en="Linked trips",
                     unit_fi="kpl", unit_sv="st.", unit_en="trips")
    KPIValueFactory(kpi=kpi, city=helsinki, baseline=Decimal("0"), target=Decimal("1000"), achieved=Decimal("400"))
    KPIValueFactory(kpi=kpi, city=tallinn, baseline=Decimal("0"), target=Decimal("800"), achieved=None)
    local = PilotFactory(title_fi="Koulujen energia", title_sv="Skolornas energi", title_en="School energy",
                         phase=PilotPhase.COMPLETED, host=fvh, cities=[helsinki])
    article = ArticleFactory(title_fi="Kaupungit jatkavat yhteistyötä", title_sv="Städerna fortsätter samarbetet",
                             title_en="The cities continue their cooperation",
                             body_en="<p>Helsinki and Tallinn <strong>agree</strong>.</p>")
    article.related_events.add(event)
    article.related_pilots.add(cross_border)
    article.related_projects.add(project)
    return {"event": event, "speaker": speaker, "cancelled": cancelled, "call": call, "cross_border": cross_border, "local": local,
            "article": article, "helsinki": helsinki, "mobility": mobility}


def test_downloading_an_events_ics_from_its_page(live_server, page, content):
    page.goto(live_server.url + url_in_language(content["event"], "en"))
    link = page.locator(".add-to-calendar a")
    assert link.is_visible()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Twin-city data workshop" in text
    assert f"UID:{content['event'].public_id}" in text
    assert "END:VCALENDAR" in text


def test_the_ics_follows_the_page_language(live_server, page, content):
    page.goto(live_server.url + url_in_language(content["event"], "sv"))
    with page.expect_download() as download_info:
        page.locator(".add-to-calendar a").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "SUMMARY:Tvillingstädernas dataworkshop" in text


def test_a_cancelled_event_says_so(live_server, page, content):
    page.goto(live_server.url + url_in_language(content["cancelled"], "en"))
    notice = page.locator(".event-status")
    assert notice.is_visible()
    assert "cancelled" in notice.inner_text().lower()


def test_filtering_the_pilot_list(live_server, page, content):
    page.goto(live_server.url + reverse_in("living_lab:pilot-list", "en"))
    cards = page.locator(".pilot-card")
    assert cards.count() == 2
    assert page.locator(".pilot-card .cross-border").count() == 1
    assert "Cross-border: Finland–Estonia" in page.locator(".pilot-card", has_text="Cross-border mobility data").inner_text()

    page.select_option("#filter-phase", PilotPhase.COMPLETED.value)
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**phase=completed**")
    assert cards.count() == 1
    assert "School energy" in cards.first.inner_text()
    assert page.locator("#filter-phase").input_value() == PilotPhase.COMPLETED.value

    page.locator("form.filters a", has_text="Clear filters").click()
    page.wait_for_url(lambda url: "phase=" not in url)
    assert cards.count() == 2

    # The filters work with the keyboard alone: tick "only cross-border", tab to the button, press Enter.
    page.select_option("#filter-city", str(content["helsinki"].pk))
    page.locator("#filter-cross-border").focus()
    page.keyboard.press("Space")
    assert page.locator("#filter-cross-border").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**cross_border=1**")
    assert cards.count() == 1
    assert "Cross-border mobility data" in cards.first.inner_text()


def test_filtering_events_by_kind_and_switching_to_past(live_server, page, content):
    page.goto(live_server.url + reverse_in("events:list", "en"))
    assert page.locator(".event-card").count() == 2
    page.select_option("#filter-kind", "conference")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**kind=conference**")
    assert page.locator(".event-card").count() == 0
    page.get_by_role("link", name="Past events").click()
    page.wait_for_url("**when=past**")
    assert page.locator('.view-tabs a[aria-current="page"]').inner_text() == "Past events"


def _pages_in(language, content):
    return [
        reverse_in("events:list", language),
        reverse_in("events:list", language) + "?when=past",
        url_in_language(content["event"], language),
        url_in_language(content["speaker"], language),
        url_in_language(content["cancelled"], language),
        reverse_in("living_lab:pilot-list", language),
        url_in_language(content["cross_border"], language),
        reverse_in("living_lab:call-list", language),
        url_in_language(content["call"], language),
        reverse_in("news:list", language),
        url_in_language(content["article"], language),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_serious_violations_on_content_pages(live_server, page, content, axe_check, language):
    for path in _pages_in(language, content):
        response = page.goto(live_server.url + path)
        assert response.status == 200, (path, response.status)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").count() == 1, path
        axe_check(page)
    assert not page.js_errors


def test_content_pages_fit_a_320px_screen(live_server, mobile_page, content, axe_check):
    for path in _pages_in("en", content):
        mobile_page.goto(live_server.url + path)
        # Wide tables scroll inside their own focusable region; nothing else may stick out of the page.
        overflowing = mobile_page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                .filter((element) => !element.closest('.table-wrap') && element.getBoundingClientRect().right > 321)
                .map((element) => element.outerHTML.slice(0, 80))"""
        )
        assert not overflowing, (path, overflowing)
        axe_check(mobile_page)
