"""Writes for the Living Lab that have rules of their own: a KPI value report by a
partner (the API's ``pilots/<id>/kpi-values/``), and the KPI rows the admin edits,
which belong to a pilot as partners sync it. Pilots and open calls themselves are
saved with the shared content services (finest.core.services)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.db import models, transaction

from finest.core.changelog import touch
from finest.core.permissions import Actor, policy_for
from finest.core.services import content_create, content_rows_save, content_update

from .models import KPI, KPIValue


@transaction.atomic
def kpi_value_report(
    *,
    kpi_value: KPIValue,
    achieved: Decimal | None,
    measured_at: date | None,
    actor: Actor,
) -> KPIValue:
    """Record the achieved value of a KPI (for one city, or the whole pilot) and who
    reported it (the actor's organisation; none for staff). Baseline and target are
    staff's to set and do not change here."""
    kpi_value = KPIValue.objects.select_for_update().select_related("kpi__pilot").get(pk=kpi_value.pk)
    policy_for(kpi_value).check(actor, "change", kpi_value)
    kpi_value.achieved = achieved
    kpi_value.measured_at = measured_at
    kpi_value.reported_by = actor.organisation
    kpi_value.full_clean()
    kpi_value.save()
    # KPI values have no change log of their own; the pilot carries them for syncing partners.
    touch(kpi_value.kpi.pilot)
    return kpi_value


@transaction.atomic
def kpi_create(*, kpi: KPI, actor: Actor) -> KPI:
    """Save the new ``kpi``; the pilot carries it for syncing partners."""
    content_create(obj=kpi, actor=actor)
    touch(kpi.pilot)
    return kpi


@transaction.atomic
def kpi_update(*, kpi: KPI, actor: Actor) -> KPI:
    """Save the changes made to ``kpi``; the pilot carries it for syncing partners."""
    content_update(obj=kpi, actor=actor)
    touch(kpi.pilot)
    return kpi


@transaction.atomic
def kpi_values_save(
    *,
    kpi: KPI,
    saved: Sequence[KPIValue],
    deleted: Sequence[KPIValue],
    actor: Actor,
    row_relations: Sequence[tuple[KPIValue, Mapping[str, Iterable[models.Model]]]] = (),
) -> bool:
    """Save and delete a KPI's per-city values (the admin's inline rows); a change marks
    the pilot modified for syncing partners."""
    return content_rows_save(parent=kpi, saved=saved, deleted=deleted, row_relations=row_relations, actor=actor)
