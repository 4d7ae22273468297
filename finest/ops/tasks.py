"""Periodic housekeeping: expired sessions and old login records (see finest/ops/retention.py), and
revisions beyond REVISIONS_KEEP (finest/core/revisions.py)."""

from celery import shared_task

from finest.core.revisions import trim_all

from .retention import purge_expired_records


@shared_task(acks_late=True, ignore_result=True)
def purge_login_records() -> None:
    purge_expired_records()


@shared_task(acks_late=True, ignore_result=True)
def trim_revisions() -> None:
    """Each new revision already trims its object's; this catches a lowered REVISIONS_KEEP. Idempotent."""
    trim_all()
