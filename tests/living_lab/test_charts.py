"""A KPI's chart: each city's baseline, target and achieved value on one scale, with a text alternative."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from finest.core.models import Country
from living_lab.charts import kpi_chart_svg
from tests.factories import CityFactory, KPIFactory, KPIValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpi():
    kpi = KPIFactory(name_en="Ploughed routes", unit_en="km/day", name_sv="Plogade rutter", unit_sv="km/dag")
    helsinki = CityFactory(name_en="Helsinki", name_sv="Helsingfors")
    tallinn = CityFactory(name_en="Tallinn", name_sv="Tallinn", country=Country.ESTONIA)
    KPIValueFactory(kpi=kpi, city=helsinki, baseline=Decimal("100"), target=Decimal("200"), achieved=Decimal("150"))
    KPIValueFactory(kpi=kpi, city=tallinn, baseline=Decimal("300"), target=Decimal("500"), achieved=None)
    return kpi


def _positions(svg, css):
    return [float(x) for x in re.findall(rf'<circle class="{css}" cx="([\d.]+)%"', svg)]


def test_cities_share_one_scale(kpi):
    with translation.override("en"):
        svg = kpi_chart_svg(kpi)
    # The scale runs 100..500 across both cities: Helsinki's baseline at its start, Tallinn's at the middle.
    baselines = _positions(svg, "chart-kpi-baseline")[:2]
    assert baselines[0] == pytest.approx(3.0)
    assert baselines[1] == pytest.approx(50.0)
    achieved = _positions(svg, "chart-kpi-achieved")
    assert achieved[0] == pytest.approx(3 + 0.125 * 94)  # 150 is an eighth of the way
    assert len(achieved) == 2  # Helsinki's value and the key; Tallinn has none yet


def test_text_alternative_says_every_value_in_the_page_language(kpi):
    with translation.override("sv"):
        svg = kpi_chart_svg(kpi)
    assert "<title id=\"kpi-chart-" in svg and "Plogade rutter (km/dag)" in svg
    assert "Helsingfors: utgångsläge 100, mål 200, uppnått 150" in svg
    assert "Tallinn: utgångsläge 300, mål 500, inte mätt ännu" in svg


def test_pilot_page_draws_each_kpi(client, kpi):
    with translation.override("en"):
        url = kpi.pilot.get_absolute_url()
    html = client.get(url).content.decode()
    assert f'id="kpi-chart-{kpi.pk}-title"' in html
    assert "kpi-table" in html  # the table stays beside the chart


def test_kpi_without_values_has_no_chart():
    assert kpi_chart_svg(KPIFactory()) == ""
