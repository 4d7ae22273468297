"""Periodic housekeeping: expired sessions and old login records (see finest/ops/retention.py)."""

from celery import shared_task

from .retention import purge_expired_records


@shared_task(acks_late=True, ignore_result=True)
def purge_login_records() -> None:
    purge_expired_records()
