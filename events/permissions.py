"""Who may see and change events: the public sees what is published; an organiser's
write key also reads, changes and publishes the events its organisation organises.
Only staff delete (partners mirror deletions as tombstones, which cannot be undone)."""

from __future__ import annotations

from finest.core.permissions import PublishablePolicy, register

from .models import Event, organised_by_q


class EventPolicy(PublishablePolicy):
    partner_actions = frozenset({"add", "change", "publish"})

    def own_q(self, organisation, prefix: str = ""):
        return organised_by_q(organisation, prefix)

    def draft_readers(self, obj) -> set[int]:
        return set(obj.organisers.values_list("pk", flat=True))

    def editable_q(self, organisation, prefix: str = ""):
        return organised_by_q(organisation, prefix)


register(Event, EventPolicy)
