"""Who may see and change projects. Partners read the drafts of projects they take
part in and change nothing; staff change everything. A participation is visible
when both its project and its partner are."""

from __future__ import annotations

from django.db import models

from finest.core.permissions import Actor, ModelPolicy, PublishablePolicy, policy_for, register

from .models import Participation, Project, participated_by_q


class ProjectPolicy(PublishablePolicy):
    def own_q(self, organisation, prefix: str = ""):
        return participated_by_q(organisation, prefix)

    def draft_readers(self, obj) -> set[int]:
        return set(obj.participations.values_list("partner_id", flat=True))


class ParticipationPolicy(ModelPolicy):
    def visible_q(self, actor: Actor, prefix: str = "") -> models.Q | None:
        conditions = [
            policy_for(self.model._meta.get_field(name).related_model).visible_q(actor, f"{prefix}{name}__")
            for name in ("project", "partner")
        ]
        conditions = [condition for condition in conditions if condition is not None]
        if not conditions:
            return None
        combined = conditions[0]
        for condition in conditions[1:]:
            combined &= condition
        return combined


register(Project, ProjectPolicy)
register(Participation, ParticipationPolicy)
