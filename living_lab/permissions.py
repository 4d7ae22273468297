"""Who may see and change the Living Lab.

- Open calls: the public sees the published ones, the host also its drafts; staff change them.
- Pilots: the public sees the published ones, the host and the participants also their
  drafts; only staff change a pilot itself.
- KPI values: the host's or a participant's write key reports the achieved values of
  the pilot's KPIs (``kpi_reportable_queryset``); baselines and targets are staff's."""

from __future__ import annotations

from django.db import models

from finest.core.permissions import Actor, ModelPolicy, PublishablePolicy, policy_for, register

from .models import KPIValue, OpenCall, Pilot, pilot_of_q


class OpenCallPolicy(PublishablePolicy):
    def own_q(self, organisation, prefix: str = ""):
        return models.Q(**{f"{prefix}host": organisation})

    def draft_readers(self, obj) -> set[int]:
        return {obj.host_id} - {None}


class PilotPolicy(PublishablePolicy):
    def own_q(self, organisation, prefix: str = ""):
        return pilot_of_q(organisation, prefix)

    def draft_readers(self, obj) -> set[int]:
        return ({obj.host_id} | set(obj.participants.values_list("pk", flat=True))) - {None}


class KPIValuePolicy(ModelPolicy):
    partner_actions = frozenset({"change"})

    def editable_q(self, organisation, prefix: str = ""):
        return pilot_of_q(organisation, f"{prefix}kpi__pilot__")


def kpi_reportable_queryset(actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
    """The pilots (of ``queryset``) whose KPI values ``actor`` may report."""
    if actor.is_staff:
        return queryset
    if actor.organisation is None or not actor.can_write:
        return queryset.none()
    return queryset.filter(pilot_of_q(actor.organisation))


def can_report_kpis(actor: Actor, pilot: Pilot) -> bool:
    """May ``actor`` report the KPI values of ``pilot``? Asked by the API before it reads the report."""
    return policy_for(KPIValue).can(actor, "change") and kpi_reportable_queryset(
        actor, Pilot.objects.filter(pk=pilot.pk)
    ).exists()


register(OpenCall, OpenCallPolicy)
register(Pilot, PilotPolicy)
register(KPIValue, KPIValuePolicy)
