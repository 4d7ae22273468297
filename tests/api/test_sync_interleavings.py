"""The sync contract as a property: whatever the interleaving of writes (create, rename,
unpublish, republish, delete), slow commits and paging, a client that follows ``next`` and
``resume`` ends with a copy equal to the server's. Seeded random runs; on PostgreSQL some
writes stay uncommitted for several steps in another connection. Needs PostgreSQL for the
slow commits (DATABASE_URL=postgres://…); on SQLite, one writer at a time, it fails there
instead of proving less."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from rest_framework.test import APIClient

from finest.core.changelog import current_txid
from finest.core.models import ChangeAction, ChangeLogEntry, PublishState
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


class SlowWrite(threading.Thread):
    """A rename written with its change-log entry in a transaction that stays open until released."""

    def __init__(self, project_id: int, title: str):
        super().__init__(daemon=True)
        self.project_id, self.title = project_id, title
        self.written, self.release, self.errors = threading.Event(), threading.Event(), []

    def run(self):
        try:
            with transaction.atomic():
                project = Project.objects.get(pk=self.project_id)
                Project.objects.filter(pk=self.project_id).update(title_en=self.title, modified_at=timezone.now())
                # The save's entry without the cache versions' bump, whose row lock would make the
                # other writers wait for this commit.
                ChangeLogEntry.objects.create(
                    model_label="projects.project", object_id=project.pk, public_id=project.public_id,
                    action=ChangeAction.UPDATED, at=timezone.now(), txid=current_txid(),
                )
                self.written.set()
                self.release.wait(timeout=120)
        except Exception as error:  # reported in the test's thread
            self.errors.append(error)
            self.written.set()
        finally:
            close_old_connections()
            connection.close()


class Client:
    def __init__(self, since: str):
        self.api = APIClient()
        self.copy: dict[int, str] = {}
        self.next: str | None = None
        self.resume: str | None = None
        self.first = ("/api/v1/projects/", {"modified_since": since, "page_size": 3})

    def step(self):
        if self.next:
            body = self.api.get(self.next).json()
        elif self.resume:
            body = self.api.get(self.resume).json()
        else:
            body = self.api.get(*self.first).json()
        for item in body["results"]:
            if item.get("deleted"):
                self.copy.pop(item["id"], None)
            else:
                self.copy[item["id"]] = item["title"]["en"]
        self.next, self.resume = body["next"], body["resume"]

    def drain(self):
        self.step()
        while self.next:
            self.step()


def server() -> dict[int, str]:
    return dict(Project.objects.published().values_list("pk", "title_en"))


def write(action: str, project: Project, step: int) -> None:
    if action == "rename":
        project.title_en = f"renamed {step}"
        project.save()
    elif action == "unpublish":
        project.state = PublishState.DRAFT
        project.save()
    elif action == "republish":
        project.state = PublishState.PUBLISHED
        project.save()
    else:
        project.delete()


def finish(writer: SlowWrite) -> None:
    writer.release.set()
    writer.join(timeout=30)
    assert not writer.errors


@pytest.mark.parametrize("seed", range(6))
def test_random_interleavings_end_with_an_equal_copy(seed):
    assert connection.vendor == "postgresql", "needs PostgreSQL: DATABASE_URL=postgres://..."
    rng = random.Random(seed)
    since = (timezone.now() - timedelta(minutes=1)).isoformat()
    projects = ProjectFactory.create_batch(6)
    client = Client(since)
    slow: dict[int, SlowWrite] = {}
    for step in range(40):
        action = rng.choice(["page", "page", "create", "rename", "unpublish", "republish", "delete", "slow", "release"])
        free = [p for p in projects if p.pk not in slow and Project.objects.filter(pk=p.pk).exists()]
        if action == "page":
            client.step()
        elif action == "create":
            projects.append(ProjectFactory(title_en=f"created {step}"))
        elif action == "slow" and free:
            writer = SlowWrite(rng.choice(free).pk, f"slow {step}")
            writer.start()
            assert writer.written.wait(timeout=30)
            slow[writer.project_id] = writer
        elif action == "release" and slow:
            finish(slow.pop(rng.choice(sorted(slow))))
        elif action not in ("slow", "release") and free:
            write(action, Project.objects.get(pk=rng.choice(free).pk), step)
    for writer in slow.values():
        finish(writer)
    client.drain()
    assert client.copy == server()
