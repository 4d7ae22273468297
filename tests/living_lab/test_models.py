"""Living Lab validation: pilot periods, open-call deadlines and grants, KPI values."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finest.core.models import Country
from living_lab.models import KPIValue, Pilot
from tests.factories import CityFactory, KPIFactory, KPIValueFactory, OpenCallFactory, PilotFactory

pytestmark = pytest.mark.django_db


def test_pilot_end_before_start_is_refused():
    pilot = PilotFactory()
    pilot.end_date = date(2022, 4, 30)
    with pytest.raises(ValidationError) as excinfo:
        pilot.full_clean()
    assert "end_date" in excinfo.value.message_dict


def test_open_call_deadline_must_follow_opening():
    call = OpenCallFactory()
    call.deadline = call.opens_at
    with pytest.raises(ValidationError) as excinfo:
        call.full_clean()
    assert "deadline" in excinfo.value.message_dict


def test_open_call_grant_within_budget_and_non_negative():
    call = OpenCallFactory(total_budget=Decimal("100000"), max_grant=Decimal("30000"))
    call.full_clean()
    call.max_grant = Decimal("100000.01")
    with pytest.raises(ValidationError) as excinfo:
        call.full_clean()
    assert "max_grant" in excinfo.value.message_dict
    call.max_grant = Decimal("-1")
    with pytest.raises(ValidationError) as excinfo:
        call.full_clean()
    assert "max_grant" in excinfo.value.message_dict


def test_open_call_state_follows_time():
    call = OpenCallFactory()
    assert call.call_state == "open"
    call.deadline = call.opens_at + timedelta(days=1)
    assert call.call_state == "closed"


def test_kpi_target_must_differ_from_baseline():
    value = KPIValueFactory(baseline=Decimal("5"), target=Decimal("10"))
    value.full_clean()
    value.target = Decimal("5")
    with pytest.raises(ValidationError) as excinfo:
        value.full_clean()
    assert "target" in excinfo.value.message_dict


def test_one_kpi_value_per_city_and_one_overall():
    kpi = KPIFactory()
    city = CityFactory()
    KPIValueFactory(kpi=kpi, city=city)
    with pytest.raises(ValidationError):
        KPIValue(kpi=kpi, city=city, baseline=Decimal("1"), target=Decimal("2")).full_clean()
    KPIValueFactory(kpi=kpi, city=None)
    with pytest.raises(ValidationError):
        KPIValue(kpi=kpi, city=None, baseline=Decimal("1"), target=Decimal("2")).full_clean()


@pytest.mark.parametrize(("achieved", "percent"), [(Decimal("10"), 50), (Decimal("40"), 100), (None, None)])
def test_kpi_progress(achieved, percent):
    assert KPIValueFactory(baseline=Decimal("0"), target=Decimal("20"), achieved=achieved).progress_percent == percent


def test_cross_border_pilots_span_finland_and_estonia():
    helsinki = CityFactory(country=Country.FINLAND)
    tallinn = CityFactory(country=Country.ESTONIA)
    both = PilotFactory(cities=[helsinki, tallinn])
    PilotFactory(cities=[helsinki])
    assert both.is_cross_border
    assert list(Pilot.objects.cross_border()) == [both]
