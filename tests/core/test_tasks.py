import logging
from unittest import mock

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError

from finest.celery import app
from finest.core.tasks import PortalTask


def test_every_portal_task_has_the_one_base():
    app.loader.import_default_modules()
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert ours, "no tasks were discovered"
    assert {name for name, task in ours.items() if not isinstance(task, PortalTask)} == set()


@pytest.mark.django_db(transaction=True)
def test_a_broker_failure_after_commit_is_logged_not_raised(caplog):
    app.loader.import_default_modules()
    task = app.tasks["registrations.tasks.send_reminder"]
    # The project's logging config doesn't propagate Django's database logger to the root.
    logging.getLogger("django.db.backends.base").addHandler(caplog.handler)
    with mock.patch.object(task, "delay", side_effect=OperationalError("broker down")) as delay:
        with transaction.atomic():
            task.delay_on_commit(1)
        delay.assert_called_once()
    logging.getLogger("django.db.backends.base").removeHandler(caplog.handler)
    assert "broker down" in caplog.text
