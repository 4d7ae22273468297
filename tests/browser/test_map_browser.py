"""The map in a real browser: a keyboard user reaches a city marker with Tab and opens its page with
Enter, and on a phone the map fits the screen."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from finest.core.models import Country
from tests.factories import CityFactory, PilotFactory
from tests.helpers import url as reverse_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cities(transactional_db):
    helsinki = CityFactory(name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki", slug_fi="helsinki",
                           slug_sv="helsingfors", slug_en="helsinki", is_twin_city=True)
    tallinn = CityFactory(name_fi="Tallinna", name_sv="Tallinn", name_en="Tallinn", slug_fi="tallinna",
                          slug_sv="tallinn", slug_en="tallinn", country=Country.ESTONIA, is_twin_city=True,
                          is_innovation_city=False, latitude=Decimal("59.436962"), longitude=Decimal("24.753574"))
    CityFactory(name_en="Oulu", slug_en="oulu", latitude=Decimal("65.012089"), longitude=Decimal("25.465077"))
    PilotFactory(title_en="Harbour sensors").cities.set([helsinki, tallinn])
    return {"helsinki": helsinki, "tallinn": tallinn}


def test_a_city_marker_is_reached_with_tab_and_opened_with_enter(live_server, page, cities, axe_check):
    page.goto(live_server.url + reverse_in("website:map", "en"))
    axe_check(page)
    for _press in range(80):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => document.activeElement.closest('svg.map-svg') ? document.activeElement.textContent : null"
        )
        if label and "Tallinn" in label:
            break
    else:
        pytest.fail("No map marker for Tallinn was reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/cities/tallinn/")
    assert page.locator("h1").inner_text() == "Tallinn"
    assert page.locator('svg.map-svg a[aria-current="page"]').count() == 1
    axe_check(page)
    assert not page.js_errors


def test_the_map_fits_a_phone_screen(live_server, mobile_page, cities):
    mobile_page.goto(live_server.url + reverse_in("website:map", "fi"))
    assert mobile_page.evaluate("() => document.documentElement.scrollWidth") <= 320
    box = mobile_page.locator("svg.map-svg").bounding_box()
    assert 250 <= box["width"] <= 320
