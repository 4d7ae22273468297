"""The map is rendered once per version of the cities and pilots (finest/core/fragments.py): every
change that moves the map shows on the next page, with the page cache off and on, and the
languages and the highlighted city don't leak into each other."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from finest.core import fragments
from tests.factories import CityFactory, PilotFactory
from website.maps import map_html

pytestmark = pytest.mark.django_db


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def helsinki():
    return CityFactory(name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki", slug_fi="helsinki",
                       slug_sv="helsingfors", slug_en="helsinki", is_twin_city=True)


@pytest.fixture(params=[True, False], ids=["page cache on", "page cache off"])
def page_cache(request, settings):
    settings.PAGE_CACHE = request.param
    return request.param


def _map_page(client, language="en") -> str:
    return client.get(_url("website:map", language)).content.decode()


def test_a_new_pilot_an_edit_and_an_unpublication_show_at_once(client, helsinki, page_cache):
    assert "Harbour sensors" not in _map_page(client)
    pilot = PilotFactory(title_en="Harbour sensors")
    pilot.cities.set([helsinki])
    assert "Harbour sensors" in _map_page(client)
    pilot.title_en = "Harbour buoys"
    pilot.save()
    html = _map_page(client)
    assert "Harbour buoys" in html and "Harbour sensors" not in html
    pilot.published_at = None
    pilot.save()
    assert "Harbour buoys" not in _map_page(client)


def test_a_city_change_shows_on_the_home_page_map_too(client, helsinki, page_cache):
    assert "Helsinki</text>" in client.get(_url("website:home")).content.decode()
    helsinki.name_en = "Helsinki city"
    helsinki.save()
    assert "Helsinki city</text>" in client.get(_url("website:home")).content.decode()
    assert "Helsinki city</text>" in _map_page(client)


def test_a_scheduled_pilot_appears_when_its_publish_date_comes(client, helsinki, page_cache):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        pilot = PilotFactory(title_en="Harbour sensors", published_at=now + timedelta(hours=1))
        pilot.cities.set([helsinki])
        assert "Harbour sensors" not in _map_page(client)
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        assert "Harbour sensors" in _map_page(client)


def test_languages_and_the_highlighted_city_are_kept_apart(client, helsinki):
    tallinn = CityFactory(name_en="Tallinn", slug_en="tallinn", is_twin_city=True,
                          latitude=Decimal("59.436962"), longitude=Decimal("24.753574"))
    assert ">Helsingfors</text>" in _map_page(client, "sv")
    assert ">Helsinki</text>" in _map_page(client, "en")
    with translation.override("en"):
        on_helsinki = client.get(helsinki.get_absolute_url()).content.decode()
        on_tallinn = client.get(tallinn.get_absolute_url()).content.decode()
    assert f'href="{_url("website:city-detail", slug="helsinki")}" class="map-city map-city-twin map-city-current"' in on_helsinki
    assert f'href="{_url("website:city-detail", slug="tallinn")}" class="map-city map-city-twin map-city-current"' in on_tallinn
    assert "map-city-current" not in _map_page(client)


def test_a_stored_map_costs_one_version_query_and_none_under_the_page_cache(rf, helsinki):
    request = rf.get("/")
    with translation.override("en"):
        first = map_html(request)
        with CaptureQueriesContext(connection) as queries:
            assert map_html(request) == first
        assert len(queries) == 1
        request._page_cache = (("core.city", "living_lab.pilot"), ((1, None), (1, None)), "")
        map_html(request)
        with CaptureQueriesContext(connection) as queries:
            map_html(request)
        assert len(queries) == 0


def test_the_fragment_cache_can_be_turned_off(rf, helsinki, settings):
    settings.FRAGMENT_CACHE = False
    with translation.override("en"):
        map_html(rf.get("/"))
    assert len(fragments.local._items) == 0
