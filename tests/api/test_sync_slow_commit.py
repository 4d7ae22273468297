"""A change committed slowly is never lost: while a transaction that saved a project stays
open, the sync stream stops below it, and after its commit the change comes, with every
change committed meanwhile. Runs on PostgreSQL (each side its own connection): on SQLite one
writer commits at a time, so it fails there instead of proving nothing."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from rest_framework.test import APIClient

from finest.api.sync import horizon
from finest.core.changelog import current_txid
from finest.core.models import ChangeAction, ChangeLogEntry
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _sync(client, url, params=None):
    seen, body = {}, client.get(url, params).json()
    while True:
        for item in body["results"]:
            seen[item["id"]] = None if item.get("deleted") else item["title"]["en"]
        if not body["next"]:
            return seen, body.get("resume")
        body = client.get(body["next"]).json()


def test_a_slow_commit_is_delivered_after_it_commits():
    assert connection.vendor == "postgresql", "needs PostgreSQL: DATABASE_URL=postgres://..."
    start = timezone.now() - timedelta(minutes=1)
    slow, quick = ProjectFactory(title_en="slow before"), ProjectFactory(title_en="quick before")
    client = APIClient()
    mirror, resume = _sync(client, "/api/v1/projects/", {"modified_since": start.isoformat()})
    assert mirror == {slow.pk: "slow before", quick.pk: "quick before"}

    saved, release, errors = threading.Event(), threading.Event(), []

    def slow_writer():
        # The change and its change-log entry as a save writes them, minus the cache versions'
        # bump, whose row lock would make the quick save below wait for this commit anyway.
        try:
            with transaction.atomic():
                Project.objects.filter(pk=slow.pk).update(title_en="slow after", modified_at=timezone.now())
                ChangeLogEntry.objects.create(
                    model_label="projects.project", object_id=slow.pk, public_id=slow.public_id,
                    action=ChangeAction.UPDATED, at=timezone.now(), txid=current_txid(),
                )
                saved.set()
                release.wait(timeout=60)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    try:
        assert saved.wait(timeout=30)
        quick.title_en = "quick after"
        quick.save()
        # The quick change committed after the slow one began: it waits behind it, so the
        # cursor can never pass the slow change.
        changes, resume_during = _sync(client, resume)
        assert slow.pk not in changes and quick.pk not in changes
        # Plain lists, ordered by change time or not, are not the stream: the committed change shows at once.
        for params in ({}, {"ordering": "modified"}, {"ordering": "-modified"}):
            shown, _resume = _sync(client, "/api/v1/projects/", params)
            assert shown == {slow.pk: "slow before", quick.pk: "quick after"}, params
    finally:
        release.set()
        thread.join(timeout=60)
    assert not errors
    changes, _resume = _sync(client, resume_during)
    mirror.update(changes)
    assert mirror == {slow.pk: "slow after", quick.pk: "quick after"}


def test_the_horizon_is_this_databases_oldest_running_transaction():
    # pg_stat_activity gives this database's running transactions as 32-bit ids.
    assert horizon(110, None, [104, 107]) == 104
    assert horizon(110, None, []) == 110
    # The reader's own writes are final for itself, unless another transaction runs below them.
    assert horizon(110, 112, []) == 113
    assert horizon(110, 112, [111]) == 111
    epoch = 2**32
    assert horizon(epoch + 9, None, [5]) == epoch + 5
    assert horizon(epoch + 3, None, [2**32 - 2]) == epoch - 2
