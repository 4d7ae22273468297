"""Property: whatever the interleaving of writes and pages, a partner's copy built only from
the stream (modified_since once, then ``next`` and ``resume``) ends equal to the server's.
Seeded random loops (reproducible: the seed is in the test id); on PostgreSQL some writes also
commit slowly, from another connection, across several pages."""

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


class Copy:
    """The partner's side: rows by id, and where the next page or run continues."""

    def __init__(self, client):
        self.client = client
        self.rows: dict[int, str] = {}
        self.next: str | None = None
        self.resume: str | None = None

    def step(self, first_params) -> None:
        """Fetch one page: the next one of this run, else the start of the next run."""
        if self.next:
            response = self.client.get(self.next)
        elif self.resume:
            response = self.client.get(self.resume)
        else:
            response = self.client.get("/api/v1/projects/", first_params)
        assert response.status_code == 200, response.content
        body = response.json()
        for item in body["results"]:
            if item.get("deleted"):
                self.rows.pop(item["id"], None)
            else:
                self.rows[item["id"]] = item["title"]["en"]
        self.next, self.resume = body["next"], body["resume"]

    def finish(self, first_params) -> None:
        self.step(first_params)
        while self.next:
            self.step(first_params)


def server() -> dict[int, str]:
    return {project.pk: project.title_en for project in Project.objects.published()}


def random_write(rng: random.Random, step: int, held: list[int]) -> None:
    # Rows a slow writer holds are left alone: this write would wait for that commit.
    projects = list(Project.objects.exclude(pk__in=held).order_by("pk"))
    action = rng.choice(("create", "rename", "rename", "unpublish", "publish", "delete"))
    if action == "create" or not projects:
        ProjectFactory(title_en=f"new {step}")
        return
    project = rng.choice(projects)
    if action == "rename":
        project.title_en = f"renamed {step}"
    elif action == "unpublish":
        project.state = PublishState.DRAFT
    elif action == "publish":
        project.state = PublishState.PUBLISHED
    else:
        project.delete()
        return
    project.save()


def run(seed: int, slow_commits: bool) -> None:
    rng = random.Random(seed)
    start = timezone.now() - timedelta(minutes=1)
    ProjectFactory.create_batch(rng.randint(3, 12))
    params = {"modified_since": start.isoformat(), "page_size": rng.choice((1, 2, 3, 5))}
    copy = Copy(APIClient())
    slow: list[tuple[int, threading.Thread, threading.Event]] = []
    errors: list[Exception] = []
    for step in range(rng.randint(20, 40)):
        roll = rng.random()
        if roll < 0.45:
            copy.step(params)
        elif slow_commits and roll < 0.55 and len(slow) < 2:
            # Not a row another slow writer holds: the second would wait for the first's lock.
            free = list(Project.objects.exclude(pk__in=[pk for pk, _t, _r in slow]).values_list("pk", flat=True))
            pk = rng.choice(free or [0])
            slow.append((pk, *slow_rename(pk, step, errors)))
        elif slow and roll < 0.65:
            _pk, thread, release = slow.pop(rng.randrange(len(slow)))
            release.set()
            thread.join(timeout=60)
        else:
            random_write(rng, step, [pk for pk, _t, _r in slow])
    for _pk, thread, release in slow:
        release.set()
        thread.join(timeout=60)
    assert not errors
    copy.finish(params)
    assert copy.rows == server()


def slow_rename(pk: int, step: int, errors: list) -> tuple[threading.Thread, threading.Event]:
    """Rename a project in a transaction of another connection that commits only when released.
    The change and its change-log entry as a save writes them, minus the cache versions' bump,
    whose row lock would make every other write wait for this commit."""
    saved, release = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                project = Project.objects.filter(pk=pk).first()
                if project is not None:
                    Project.objects.filter(pk=pk).update(title_en=f"slow {step}", modified_at=timezone.now())
                    ChangeLogEntry.objects.create(
                        model_label="projects.project", object_id=pk, public_id=project.public_id,
                        action=ChangeAction.UPDATED, at=timezone.now(), txid=current_txid(),
                    )
                saved.set()
                release.wait(timeout=60)
        except Exception as error:  # reported in the test's thread
            errors.append(error)
            saved.set()
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert saved.wait(timeout=30)
    return thread, release


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(8))
def test_random_writes_and_pages_leave_the_copy_equal_to_the_server(seed, anon):
    run(seed, slow_commits=False)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("seed", range(4))
def test_random_writes_slow_commits_and_pages_leave_the_copy_equal_to_the_server(seed):
    assert connection.vendor == "postgresql", "needs PostgreSQL: DATABASE_URL=postgres://..."
    run(seed, slow_commits=True)
