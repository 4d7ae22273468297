"""The map of the Gulf of Finland: markers as links in the page's language, the list that is its text
alternative, the city pages and the queries the map costs."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from finest.core.models import Country
from tests.factories import CityFactory, PilotFactory
from website.maps import geodata, map_context, project

pytestmark = pytest.mark.django_db


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _svg(html: str) -> str:
    return re.search(r"<svg class=\"map-svg\".*?</svg>", html, re.S).group(0)


@pytest.fixture
def places():
    helsinki = CityFactory(name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki", slug_fi="helsinki",
                           slug_sv="helsingfors", slug_en="helsinki", is_twin_city=True)
    tallinn = CityFactory(name_fi="Tallinna", name_sv="Tallinn", name_en="Tallinn", slug_fi="tallinna",
                          slug_sv="tallinn", slug_en="tallinn", country=Country.ESTONIA, is_innovation_city=False,
                          is_twin_city=True, latitude=Decimal("59.436962"), longitude=Decimal("24.753574"))
    oulu = CityFactory(name_fi="Oulu", name_sv="Uleåborg", name_en="Oulu", slug_fi="oulu", slug_sv="uleaborg",
                       slug_en="oulu", latitude=Decimal("65.012089"), longitude=Decimal("25.465077"))
    # Outside the area the map shows: listed nowhere on it.
    faraway = CityFactory(name_en="Faraway", is_innovation_city=True, latitude=Decimal("48.2"), longitude=Decimal("16.37"))
    pilot = PilotFactory(title_en="Harbour sensors", title_sv="Hamnsensorer", title_fi="Satama-anturit")
    pilot.cities.set([helsinki, tallinn])
    hidden = PilotFactory(title_en="Unpublished pilot", published_at=None)
    hidden.cities.set([helsinki])
    return {"helsinki": helsinki, "tallinn": tallinn, "oulu": oulu, "faraway": faraway, "pilot": pilot}


def test_every_marker_is_a_link_to_its_city_or_pilot_page(client, places):
    html = client.get(_url("website:map")).content.decode()
    svg = _svg(html)
    with translation.override("en"):
        for key in ("helsinki", "tallinn", "oulu"):
            assert f'href="{places[key].get_absolute_url()}"' in svg
        assert svg.count(f'href="{places["pilot"].get_absolute_url()}"') == 2  # once in each of its cities
    assert "Faraway" not in html
    assert "Unpublished pilot" not in html
    assert 'class="map-city map-city-twin' in svg


def test_labels_and_place_names_follow_the_page_language(client, places):
    html = client.get(_url("website:map", "sv")).content.decode()
    svg = _svg(html)
    assert ">Helsingfors</text>" in svg
    assert ">Uleåborg</text>" in svg
    assert ">Finska viken</text>" in svg
    assert "Living Lab-pilot: Hamnsensorer (Helsingfors)" in svg


def test_coordinates_are_not_localised(client, places):
    """Finnish writes decimal commas; SVG attributes must keep their dots."""
    svg = _svg(client.get(_url("website:map", "fi")).content.decode())
    assert not re.search(r'(?:x|y|cx|cy)="\d+,\d', svg)
    assert re.search(r'd="M[\d.]+,[\d.]+L', svg)  # the land is drawn


def test_the_list_says_what_the_map_shows(client, places):
    html = client.get(_url("website:map")).content.decode()
    listing = html[html.index('<details class="map-list"'):]
    listing = listing[: listing.index("</details>")]
    assert "Helsinki" in listing and "Tallinn" in listing and "Oulu" in listing
    assert "Harbour sensors</a> (Helsinki, Tallinn)" in listing
    # Helsinki is a twin city and an Innovation City: it is listed under both; Faraway is off the map.
    with translation.override("en"):
        innovation = map_context()["innovation_cities"]
    assert "Helsinki" in {marker.label for marker in innovation}
    assert "Faraway" not in {marker.label for marker in innovation}
    assert f"{len(innovation)} Innovation Cities" in listing


def test_city_page_highlights_the_city_and_lists_its_pilots(client, places):
    with translation.override("fi"):
        url = places["helsinki"].get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'map-city-current" aria-current="page"' in html
    assert "Satama-anturit" in html
    assert "Unpublished pilot" not in html


def test_city_page_redirects_other_language_slug_and_404s_unknown(client, places):
    response = client.get(_url("website:city-detail", "fi", slug="helsingfors"))
    assert response.status_code == 301
    assert response["Location"] == _url("website:city-detail", "fi", slug="helsinki")
    assert client.get(_url("website:city-detail", "fi", slug="nowhere")).status_code == 404
    assert client.get(_url("website:city-detail", "fi", slug="9" * 25)).status_code == 404


def test_city_without_slug_is_addressed_by_id(client):
    city = CityFactory()
    with translation.override("en"):
        url = city.get_absolute_url()
    assert url.endswith(f"/{city.pk}/")
    assert client.get(url).status_code == 200


def test_map_queries_do_not_grow_with_cities_and_pilots(django_assert_num_queries, places):
    with django_assert_num_queries(2):
        map_context()
    for index in range(5):
        city = CityFactory(latitude=Decimal("61") + index, longitude=Decimal("25"))
        PilotFactory().cities.set([city])
    with django_assert_num_queries(2):
        context = map_context()
    assert {"Oulu", "Helsinki", "Tallinn"} <= {marker.label for marker in context["markers"]}
    assert len(context["markers"]) >= 8


def test_labels_stay_inside_the_map_and_apart(places):
    data = geodata()
    for index in range(6):
        CityFactory(name_en=f"Neighbour {index}", latitude=Decimal("60.17") + Decimal(index) / 20, longitude=Decimal("24.9"))
    with translation.override("en"):
        markers = map_context()["markers"]
    for marker in markers:
        assert 0 <= marker.label_x <= data["width"]
        assert 0 <= marker.label_y <= data["height"]


def test_projection_bounds():
    assert project(60.17, 24.94) is not None
    assert project(48.2, 16.37) is None
    assert project(80, 25) is None


def test_map_is_on_home_and_in_the_sitemap(client, places):
    home = client.get(_url("website:home")).content.decode()
    assert 'class="map-svg"' in home
    sitemap = client.get("/sitemap.xml").content.decode()
    assert _url("website:map", "fi") in sitemap
    assert _url("website:city-detail", "fi", slug="helsinki") in sitemap
