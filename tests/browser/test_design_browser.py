"""The layout in a real browser at a phone's width (390 px) and a desktop's (1280 px): the home page, a
project, a pilot and an event. Nothing may stick out of its container sideways, every column of every
table must be visible or reachable by scrolling its region, and axe finds nothing serious. Each page is
also saved as a full-page screenshot (under pytest's tmp_path) for a person to look at."""

from __future__ import annotations

import os
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from finest.core.i18n import url_in_language
from projects.models import ParticipationRole
from tests.factories import (
    CityFactory,
    EventFactory,
    FocusAreaFactory,
    FundingSourceFactory,
    KPIFactory,
    KPIValueFactory,
    ParticipationFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
)
from tests.helpers import url as reverse_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 1280]

# Elements that stick out of the page sideways, ignoring those inside a region that scrolls or clips
# (their region is checked instead) and the visually hidden ones.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const overflow = getComputedStyle(p).overflowX; if (overflow !== 'visible') return true; } return false; };
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest('.visually-hidden, .skip-link')) continue;
    if ((box.right > width + 1 || box.left < -1) && !clipped(el)) {
      found.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, found: found.slice(0, 10)};
}"""

# For every table cell: hidden (no box, display:none, visibility:hidden), or out of sight with no way
# to scroll it into view. A cell in a scrolling region counts as reachable when the region can scroll.
UNREACHABLE_CELLS = """() => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  for (const table of document.querySelectorAll('main table')) {
    if (table.closest('.visually-hidden')) continue;
    const columns = table.querySelectorAll('thead th').length;
    for (const row of table.querySelectorAll('tbody tr')) {
      const cells = row.querySelectorAll('th, td');
      if (columns && cells.length !== columns) bad.push(`a row with ${cells.length} of ${columns} cells`);
      cells.forEach((cell, index) => {
        const style = getComputedStyle(cell);
        const box = cell.getBoundingClientRect();
        const label = `${table.querySelector('caption')?.textContent.trim() || 'table'} column ${index + 1}`;
        if (style.display === 'none' || style.visibility === 'hidden' || box.width < 1 || box.height < 1) {
          bad.push(`${label}: hidden`); return;
        }
        if (box.right <= width + 1 && box.left >= -1) return;
        const region = cell.closest('.table-wrap');
        const scrolls = region && ['auto', 'scroll'].includes(getComputedStyle(region).overflowX)
          && region.scrollWidth > region.clientWidth && region.getBoundingClientRect().right <= width + 1;
        if (!scrolls) bad.push(`${label}: outside the screen and not scrollable`);
      });
    }
  }
  return bad;
}"""

# Below 600 px a stacked table shows each cell's column name before its value.
MISSING_CELL_LABELS = """() => {
  const bad = [];
  for (const cell of document.querySelectorAll('main table.table-stack td[data-label]')) {
    const before = getComputedStyle(cell, '::before').content;
    if (before !== JSON.stringify(cell.dataset.label)) bad.push(`${cell.dataset.label}: ${before}`);
  }
  return bad;
}"""


@pytest.fixture
def design_site(transactional_db):
    mobility = FocusAreaFactory(name_fi="Liikkuminen", name_sv="Mobilitet", name_en="Mobility",
                                slug_fi="liikkuminen", slug_sv="mobilitet", slug_en="mobility")
    FocusAreaFactory(name_fi="Energia", name_sv="Energi", name_en="Energy", slug_fi="energia", slug_sv="energi", slug_en="energy")
    helsinki = CityFactory(name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki")
    tallinn = CityFactory(name_fi="Tallinna", name_sv="Tallinn", name_en="Tallinn", country="EE")
    fvh = PartnerFactory(name_fi="Forum Virium Helsinki", name_sv="Forum Virium Helsinki", name_en="Forum Virium Helsinki",
                         city=helsinki)
    ministry = PartnerFactory(name_fi="Viron elinkeino- ja viestintäministeriö", name_sv="Estlands närings- och kommunikationsministerium",
                              name_en="Estonian Ministry of Economic Affairs and Communications", country="EE", city=tallinn)
    project = ProjectFactory(
        acronym="FinEst Twins", title_fi="Älykkäiden kaupunkien huippuyksikkö", title_sv="Spetsenhet för smarta städer",
        title_en="Smart City Centre of Excellence", summary_fi="Rajat ylittävä huippuyksikkö.",
        body_fi="<p>" + "Pitkä kuvaus hankkeesta. " * 80 + "</p>",
        focus_areas=[mobility], cities=[helsinki, tallinn], start_date=date(2019, 12, 1),
        end_date=timezone.localdate() + timedelta(days=200), total_budget=Decimal("6300000"),
    )
    ParticipationFactory(project=project, partner=ministry, role=ParticipationRole.COORDINATOR, budget_share=Decimal("3000000"))
    ParticipationFactory(project=project, partner=fvh, budget_share=Decimal("1670000"))
    FundingSourceFactory(project=project, funder_name_fi="Euroopan unioni, Horisontti 2020", amount=Decimal("6300000"))
    pilot = PilotFactory(title_fi="Rajat ylittävä liikkumisdata", focus_area=mobility, host=fvh, project=project,
                         cities=[helsinki, tallinn])
    kpi = KPIFactory(pilot=pilot, name_fi="Yhdistettyjen matkaketjujen osuus", unit_fi="%")
    KPIValueFactory(kpi=kpi, city=helsinki, baseline=Decimal("12"), target=Decimal("30"), achieved=Decimal("21"))
    KPIValueFactory(kpi=kpi, city=tallinn, baseline=Decimal("8"), target=Decimal("25"), achieved=None)
    event = EventFactory(title_fi="Kaksoiskaupunkien datatyöpaja", organisers=[fvh], city=helsinki)
    event.related_projects.add(project)
    return {
        "home": reverse_in("website:home", "fi"),
        "project": url_in_language(project, "fi"),
        "pilot": url_in_language(pilot, "fi"),
        "event": url_in_language(event, "fi"),
    }


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_name", ["home", "project", "pilot", "event"])
def test_layout_fits_and_every_column_is_reachable(browser, live_server, design_site, axe_check, tmp_path, width, page_name):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(live_server.url + design_site[page_name])
        page.screenshot(path=str(tmp_path / f"{page_name}-{width}.png"), full_page=True)

        overflow = page.evaluate(OVERFLOWING)
        assert overflow["scrollWidth"] <= overflow["width"], overflow
        assert not overflow["found"], overflow

        assert page.evaluate(UNREACHABLE_CELLS) == []
        if width < 600:
            assert page.evaluate(MISSING_CELL_LABELS) == []
        axe_check(page)
    finally:
        context.close()


def test_key_facts_are_above_the_description_on_a_phone(browser, live_server, design_site):
    context = browser.new_context(viewport={"width": 390, "height": 900}, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(live_server.url + design_site["project"])
        facts = page.locator("#project-facts").bounding_box()
        description = page.locator("#project-description").bounding_box()
        assert facts["y"] < description["y"]
        assert facts["y"] < 1800, "the key facts should be near the top of the page"
    finally:
        context.close()


def test_the_hero_and_footer_use_the_site_font(browser, live_server, design_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(live_server.url + design_site["home"])
        page.evaluate("() => document.fonts.ready")
        assert page.evaluate("() => document.fonts.check('700 16px \"Source Sans 3\"')")
        assert "Source Sans 3" in page.evaluate("() => getComputedStyle(document.querySelector('.hero h1')).fontFamily")
        assert page.locator(".key-figure").count() == 4
        assert page.locator(".site-footer .eu-emblem").is_visible()
    finally:
        context.close()
