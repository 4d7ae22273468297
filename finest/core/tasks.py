"""The one task base (``task_cls`` in finest/celery.py), in the way of pretix's
TransactionAwareTask: ``delay_on_commit()`` enqueues only after the transaction commits, so a
worker never looks for a row that isn't there yet.

The enqueue is robust: if the broker is down at commit time, Django logs the error and the
request that committed still succeeds. Nothing is lost by that, because every task only
wakes a service and the database holds the work: the periodic recovery tasks (newsletter
``recover_stalled``, registrations ``recover``, ...) find it later."""

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import transaction


class PortalTask(DjangoTask):
    def delay_on_commit(self, *args, **kwargs) -> None:
        # A closure, not a partial: Django names the callback (__qualname__) when it logs a failure.
        transaction.on_commit(lambda: self.delay(*args, **kwargs), robust=True)

    def apply_async_on_commit(self, *args, **kwargs) -> None:
        transaction.on_commit(lambda: self.apply_async(*args, **kwargs), robust=True)


@shared_task(acks_late=True, ignore_result=True)
def record_clock_changes() -> None:
    """Re-send objects whose derived fields changed with the clock (finest/core/clock.py). Idempotent."""
    # Celery imports this module for PortalTask before Django's apps are loaded; the clock needs models.
    from .clock import record_passed_moments  # noqa: PLC0415

    record_passed_moments()
