"""Celery application. Without REDIS_URL tasks run in-process (CELERY_TASK_ALWAYS_EAGER)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finest.settings")

# Every task gets delay_on_commit()/apply_async_on_commit() (finest.core.tasks.PortalTask): the one way
# the portal enqueues work from inside a transaction, so a worker never looks for a row not yet committed.
app = Celery("finest", task_cls="finest.core.tasks:PortalTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
