"""Writes for the Living Lab. Partners report KPI values through the API; the admin
may call the same service."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from finest.core.changelog import touch

from .models import KPIValue


@transaction.atomic
def kpi_value_report(
    *,
    kpi_value: KPIValue,
    achieved: Decimal | None,
    measured_at: date | None,
    reported_by=None,
) -> KPIValue:
    """Record the achieved value of a KPI (for one city, or the whole pilot) and who
    reported it. Baseline and target are staff's to set and do not change here."""
    kpi_value = KPIValue.objects.select_for_update().select_related("kpi__pilot").get(pk=kpi_value.pk)
    kpi_value.achieved = achieved
    kpi_value.measured_at = measured_at
    kpi_value.reported_by = reported_by
    kpi_value.full_clean()
    kpi_value.save()
    # KPI values have no change log of their own; the pilot carries them for syncing partners.
    touch(kpi_value.kpi.pilot)
    return kpi_value
