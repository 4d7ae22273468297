"""Expiry of content: when an unpublish date passes, the change log records the tombstone that an
unpublication would (the row stays as it is; ``published()`` already hides it). This is its own
task so that the minute task for other clock moments (publish dates) stays separate."""

from __future__ import annotations

from celery import shared_task
from django.db import models, transaction
from django.utils import timezone

from finest.core import changelog
from finest.core.models import ChangeAction, ChangeLogEntry, PublishState

from .dashboard import publishable_models


def record_expiries(now=None) -> int:
    """Record an ``unpublished`` entry for each published object whose unpublish date has passed
    since it was last public, once. Returns how many were recorded."""
    now = now or timezone.now()
    recorded = 0
    for model in publishable_models():
        label = model._meta.label_lower
        already = ChangeLogEntry.objects.filter(
            model_label=label, object_id=models.OuterRef("pk"), action=ChangeAction.UNPUBLISHED,
            at__gte=models.OuterRef("unpublish_at"),
        )
        expired = (
            model._default_manager.filter(state=PublishState.PUBLISHED, unpublish_at__lte=now, published_at__lt=models.F("unpublish_at"))
            .exclude(models.Exists(already))
            .only("pk", "public_id")
        )
        with transaction.atomic():
            entries = [
                ChangeLogEntry(model_label=label, object_id=obj.pk, public_id=obj.public_id,
                               action=ChangeAction.UNPUBLISHED, at=now, txid=changelog.current_txid())
                for obj in expired
            ]
            ChangeLogEntry.objects.bulk_create(entries)
        recorded += len(entries)
    return recorded


@shared_task
def record_expired_content() -> int:
    return record_expiries()
