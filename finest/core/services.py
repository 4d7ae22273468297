"""Publishing services shared by every app: the admin's bulk actions, the API and
tasks call these. Saving goes through the model, so the change log records
publications and unpublications (tombstones)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Publishable, PublishState


@transaction.atomic
def publishable_publish(*, obj: Publishable) -> Publishable:
    """Publish ``obj``; a publish date already set (also a future one) is kept."""
    obj.state = PublishState.PUBLISHED
    if obj.published_at is None:
        obj.published_at = timezone.now()
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def publishable_unpublish(*, obj: Publishable) -> Publishable:
    """Return ``obj`` to draft; if it was public, the change log records a tombstone.

    No full_clean here: taking content down must never be blocked by an unrelated
    rule that the stored object happens to break."""
    obj.state = PublishState.DRAFT
    obj.save()
    return obj


