"""The Draft policy: staff read drafts; the author changes their own, publishers any."""

from __future__ import annotations

from finest.core.permissions import Actor, ModelPolicy, may_publish, register

from .models import Draft


class DraftPolicy(ModelPolicy):
    def can(self, actor: Actor, action: str, obj=None) -> bool:
        if not actor.is_staff or actor.user is None:
            return False
        if action in ("view", "add") or obj is None:
            return True
        return may_publish(actor) or obj.author_id == actor.user.pk


register(Draft, DraftPolicy)
