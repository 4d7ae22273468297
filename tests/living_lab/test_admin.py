"""The pilot admin lists KPIs inline; per-city KPI values are edited on the KPI page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from living_lab.models import KPI, KPIValue, Pilot
from tests.core.test_admin import add_inline_row, form_data, inline_prefix
from tests.factories import CityFactory, KPIFactory, PilotFactory

pytestmark = pytest.mark.django_db


def test_kpis_are_added_inline_on_the_pilot(staff_client):
    pilot = PilotFactory()
    url = reverse("admin:living_lab_pilot_change", args=(pilot.pk,))
    page = staff_client.get(url)
    data = form_data(page)
    add_inline_row(data, inline_prefix(page, KPI), {"name_fi": "Matkat", "unit_fi": "kpl", "order": "0",
                                                    "higher_is_better": "on"})
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert pilot.kpis.get().unit_fi == "kpl"
    # The inline links to the KPI's own page, where the per-city values live.
    kpi_url = reverse("admin:living_lab_kpi_change", args=(pilot.kpis.get().pk,))
    assert kpi_url in staff_client.get(url).content.decode()


def test_kpi_values_per_city(staff_client):
    kpi = KPIFactory()
    city = CityFactory()
    before = Pilot.objects.get(pk=kpi.pilot_id).modified_at
    url = reverse("admin:living_lab_kpi_change", args=(kpi.pk,))
    page = staff_client.get(url)
    data = form_data(page)
    prefix = inline_prefix(page, KPIValue)
    add_inline_row(data, prefix, {"city": city.pk, "baseline": "0", "target": "20", "achieved": "5"})
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert kpi.values.get().city == city
    assert Pilot.objects.get(pk=kpi.pilot_id).modified_at > before

    data = form_data(staff_client.get(url))
    data[f"{prefix}-0-target"] = data[f"{prefix}-0-baseline"]
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "target" in response.context["inline_admin_formsets"][0].formset.forms[0].errors
