"""Real-browser flows over the pages SITE-A owns: switching language on a project,
search, filtering, keyboard-only menu use, and axe-core scans of every page type in
every language."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from finest.core.i18n import url_in_language
from pages.models import Page, Route
from projects.models import ParticipationRole
from tests.factories import (
    ArticleFactory,
    BudgetFigureFactory,
    CityFactory,
    ContactPersonFactory,
    EventFactory,
    FocusAreaFactory,
    FundingSourceFactory,
    OpenCallFactory,
    PageFactory,
    ParticipationFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
    WorkPackageFactory,
)
from tests.helpers import LANGUAGES
from tests.helpers import url as reverse_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def site(transactional_db):
    """A small site like the demo: two focus areas, a project with a consortium and
    budget, partners in both countries, an event, a pilot, a call and news."""
    mobility = FocusAreaFactory(name_fi="Liikkuminen", name_sv="Mobilitet", name_en="Mobility",
                                slug_fi="liikkuminen", slug_sv="mobilitet", slug_en="mobility")
    energy = FocusAreaFactory(name_fi="Energia", name_sv="Energi", name_en="Energy",
                              slug_fi="energia", slug_sv="energi", slug_en="energy")
    helsinki = CityFactory(name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki")
    tallinn = CityFactory(name_fi="Tallinna", name_sv="Tallinn", name_en="Tallinn", country="EE")
    fvh = PartnerFactory(name_fi="Forum Virium Helsinki", name_sv="Forum Virium Helsinki", name_en="Forum Virium Helsinki",
                         city=helsinki, website="https://forumvirium.fi/")
    taltech = PartnerFactory(name_fi="Tallinnan teknillinen yliopisto", name_sv="Tallinns tekniska universitet",
                             name_en="Tallinn University of Technology", country="EE", city=tallinn)
    ContactPersonFactory(partner=taltech, name="Ralf-Martin Soe")
    project = ProjectFactory(
        acronym="FinEst Twins", title_fi="Älykkäiden kaupunkien huippuyksikkö", title_sv="Spetsenhet för smarta städer",
        title_en="Smart City Centre of Excellence", summary_fi="Rajat ylittävä huippuyksikkö.",
        summary_sv="En gränsöverskridande spetsenhet.", summary_en="A cross-border centre of excellence.",
        focus_areas=[mobility], cities=[helsinki, tallinn], start_date=date(2019, 12, 1), end_date=date(2026, 11, 30),
        total_budget=Decimal("6300000"),
    )
    ParticipationFactory(project=project, partner=taltech, role=ParticipationRole.COORDINATOR, budget_share=Decimal("3000000"))
    ParticipationFactory(project=project, partner=fvh, budget_share=Decimal("1670000"))
    FundingSourceFactory(project=project, funder_name_en="European Union, Horizon 2020", amount=Decimal("6000000"))
    BudgetFigureFactory(project=project, source_name="Helsingin kaupunki")
    WorkPackageFactory(project=project, code="WP5", lead_partner=fvh)
    other = ProjectFactory(title_fi="Energiahanke", title_sv="Energiprojekt", title_en="Energy project",
                           focus_areas=[energy], cities=[tallinn], start_date=timezone.localdate() - timedelta(days=30),
                           end_date=timezone.localdate() + timedelta(days=300))
    event = EventFactory(title_fi="Konferenssi", title_sv="Konferens", title_en="Conference", organisers=[taltech])
    event.related_projects.add(project)
    pilot = PilotFactory(title_fi="Pysäköintipilotti", title_sv="Parkeringspilot", title_en="Parking pilot",
                         focus_area=mobility, host=fvh, project=project, cities=[helsinki, tallinn])
    article = ArticleFactory(title_fi="Pormestarit tapaavat", title_sv="Borgmästarna träffas", title_en="Mayors meet")
    article.focus_areas.add(mobility)
    OpenCallFactory(title_fi="Avoin haku", title_sv="Öppen utlysning", title_en="Open call", host=fvh)
    # An editable page below About (pages app), served by the catch-all.
    team = PageFactory(parent=Page.objects.get(route=Route.ABOUT))
    return {"project": project, "other": other, "fvh": fvh, "taltech": taltech, "mobility": mobility,
            "event": event, "pilot": pilot, "article": article, "team": team}


@pytest.fixture
def during_finest_twins():
    """A day while FinEst Twins ran (1.12.2019-30.11.2026), from before the content is made, so that
    the home page lists it among the ongoing projects and the content is already published."""
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=True):
        yield


def test_home_to_project_then_switch_to_swedish_lands_on_the_same_project(during_finest_twins, live_server, page, site):
    project = site["project"]
    page.goto(live_server.url + reverse_in("website:home", "fi"))
    page.get_by_role("link", name=re.compile("Älykkäiden kaupunkien huippuyksikkö")).first.click()
    page.wait_for_url(live_server.url + url_in_language(project, "fi"))
    assert page.locator("h1").inner_text().endswith("Älykkäiden kaupunkien huippuyksikkö")
    page.locator('.language-switcher a[hreflang="sv"]').click()
    page.wait_for_url(live_server.url + url_in_language(project, "sv"))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "Spetsenhet för smarta städer" in page.locator("h1").inner_text()
    assert not page.js_errors


def test_search_from_the_header(live_server, page, site):
    page.goto(live_server.url + reverse_in("website:home", "en"))
    page.get_by_label("Search the site").fill("Parking")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*\?q=Parking"))
    assert page.locator("#results-pilots").is_visible()
    assert page.get_by_role("link", name="Parking pilot").is_visible()
    assert page.locator("#search-page-q").input_value() == "Parking"


def test_search_input_is_escaped(live_server, page, site):
    payload = "<img src=x onerror=alert(1)>"
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + reverse_in("website:search", "en") + "?q=" + payload)
    assert page.locator("#search-page-q").input_value() == payload
    assert page.locator("main img[src='x']").count() == 0
    assert not dialogs


def test_filtering_the_project_list(live_server, page, site):
    page.goto(live_server.url + reverse_in("projects:list", "en"))
    assert page.locator("main .card").count() == 2
    page.get_by_label("Focus area", exact=True).select_option(label="Energy")
    page.get_by_role("button", name="Show projects").click()
    page.wait_for_url(re.compile(r".*area=\d+"))
    assert page.locator("main .card").count() == 1
    assert page.locator("main .card").get_by_role("link", name=re.compile("Energy project")).is_visible()
    page.get_by_label("City or region", exact=True).select_option(label="Helsinki")
    page.get_by_role("button", name="Show projects").click()
    page.wait_for_url(re.compile(r".*city=\d+"))
    assert page.locator("main .card").count() == 0
    assert page.get_by_text("No projects match these filters.").is_visible()


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                text: (el.innerText || '').trim(),
                className: el.className,
                inNav: !!el.closest('#main-nav'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== 'none',
                visible: box.width > 0 && box.height > 0 && box.top >= 0,
            };
        }"""
    )


def test_keyboard_only_navigation_of_the_menu(live_server, page, site):
    page.goto(live_server.url + reverse_in("website:home", "en"))
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["className"] == "skip-link"
    assert first["visible"] and (first["outline"] or first["shadow"])

    # Tab on to the main navigation and through every link in it, each with a visible focus ring.
    for _press in range(8):
        page.keyboard.press("Tab")
        if _focused(page)["inNav"]:
            break
    seen = []
    while (state := _focused(page))["inNav"]:
        assert state["visible"] and (state["outline"] or state["shadow"]), state
        seen.append(state["text"])
        page.keyboard.press("Tab")
    assert seen[:2] == ["Projects", "Partners"]
    assert "Focus areas" in seen and "About" in seen

    # Shift+Tab back to "Projects" and open it with Enter.
    while _focused(page)["text"] != "Projects":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse_in("projects:list", "en"))
    assert page.locator("h1").inner_text() == "Projects"


def test_skip_link_moves_focus_to_main(live_server, page, site):
    page.goto(live_server.url + reverse_in("projects:list", "en"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_menu_on_a_320px_screen_opens_and_closes_with_the_keyboard(live_server, mobile_page, site):
    page = mobile_page
    page.goto(live_server.url + reverse_in("website:home", "en"))
    nav = page.locator("#main-nav")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible() and not nav.is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    toggle.focus()
    page.keyboard.press("Enter")
    assert nav.is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => document.activeElement.closest('#main-nav') !== null")
    page.keyboard.press("Escape")
    assert not nav.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('menu-toggle')")


def _pages_in(language, site):
    return [
        reverse_in("website:home", language),
        reverse_in("projects:list", language),
        url_in_language(site["project"], language),
        reverse_in("partners:list", language),
        url_in_language(site["taltech"], language),
        reverse_in("website:focus-area-list", language),
        url_in_language(site["mobility"], language),
        reverse_in("website:about", language),
        reverse_in("website:contact", language),
        reverse_in("website:privacy", language),
        reverse_in("website:accessibility", language),
        url_in_language(site["team"], language),
        reverse_in("website:search", language) + "?q=Helsinki",
        reverse_in("website:map", language),
        url_in_language(site["pilot"].cities.first(), language),
        f"/{language}/this-page-does-not-exist/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_serious_violations_on_any_page_type(live_server, page, site, axe_check, language):
    for path in _pages_in(language, site):
        response = page.goto(live_server.url + path)
        assert response.status in (200, 404), (path, response.status)
        assert page.locator("html").get_attribute("lang") == language
        axe_check(page)
    assert not page.js_errors


def test_axe_on_a_320px_screen(live_server, mobile_page, site, axe_check):
    for path in (reverse_in("website:home", "en"), url_in_language(site["project"], "en")):
        mobile_page.goto(live_server.url + path)
        assert mobile_page.evaluate("() => document.documentElement.scrollWidth") <= 320, path
        axe_check(mobile_page)
