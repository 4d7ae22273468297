"""Living Lab services: KPI value reports and the KPI rows of a pilot."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from finest.core.permissions import Actor
from living_lab.models import KPIValue, Pilot
from living_lab.services import kpi_update, kpi_value_report, kpi_values_save
from tests.factories import KPIFactory, KPIValueFactory, PartnerFactory, PilotFactory

pytestmark = pytest.mark.django_db


def _partner(organisation) -> Actor:
    return Actor(organisation=organisation, scopes=frozenset({"read", "write"}))


def test_the_host_reports_and_is_recorded_as_the_reporter():
    host = PartnerFactory()
    value = KPIValueFactory(kpi__pilot=PilotFactory(host=host), achieved=None)
    before = Pilot.objects.get(pk=value.kpi.pilot_id).modified_at
    kpi_value_report(kpi_value=value, achieved=Decimal("7"), measured_at=None, actor=_partner(host))
    value.refresh_from_db()
    assert value.achieved == 7
    assert value.reported_by == host
    assert Pilot.objects.get(pk=value.kpi.pilot_id).modified_at > before


def test_another_organisation_cannot_report():
    value = KPIValueFactory(achieved=None)
    with pytest.raises(PermissionDenied):
        kpi_value_report(kpi_value=value, achieved=Decimal("7"), measured_at=None, actor=_partner(PartnerFactory()))
    assert KPIValue.objects.get(pk=value.pk).achieved is None


def test_staff_reports_without_a_reporting_organisation():
    value = KPIValueFactory(achieved=None)
    kpi_value_report(kpi_value=value, achieved=Decimal("3"), measured_at=None, actor=Actor.system())
    value.refresh_from_db()
    assert value.achieved == 3
    assert value.reported_by is None


def test_kpi_and_its_values_mark_the_pilot_modified():
    kpi = KPIFactory()
    before = Pilot.objects.get(pk=kpi.pilot_id).modified_at
    kpi.unit = "kWh"
    kpi_update(kpi=kpi, actor=Actor.system())
    after_update = Pilot.objects.get(pk=kpi.pilot_id).modified_at
    assert after_update > before
    kpi_values_save(kpi=kpi, saved=[KPIValue(kpi=kpi, baseline=0, target=5)], deleted=[], actor=Actor.system())
    assert Pilot.objects.get(pk=kpi.pilot_id).modified_at > after_update
    assert kpi.values.count() == 1
