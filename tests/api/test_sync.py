"""The incremental sync: a partner's mirror, built only from modified_since pages and
their tombstones, ends identical to the source while the source changes mid-sync."""

from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from events.models import Event
from finest.core.models import PublishState
from projects.models import ParticipationRole, Project
from tests.factories import ArticleFactory, EventFactory, ParticipationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


class Mirror:
    def __init__(self, client):
        self.client = client
        self.rows: dict[int, str] = {}
        self.seen: Counter = Counter()
        self.resume: str | None = None

    def apply(self, body):
        for item in body["results"]:
            self.seen[item["id"]] += 1
            if item.get("deleted"):
                self.rows.pop(item["id"], None)
            else:
                self.rows[item["id"]] = item["title"]["en"]
        self.resume = body["resume"]

    def page(self, url, params=None):
        response = self.client.get(url, params)
        assert response.status_code == 200, response.content
        body = response.json()
        self.apply(body)
        return body

    def sync(self, first_url, params=None, between_pages=None):
        body = self.page(first_url, params)
        pages = 1
        while body["next"]:
            if between_pages:
                between_pages(pages)
            body = self.page(body["next"])
            pages += 1
        return pages


def source():
    return {project.pk: project.title_en for project in Project.objects.published()}


def test_mirror_ends_identical_while_the_source_changes_during_paging(anon):
    start = timezone.now() - timedelta(minutes=1)
    projects = ProjectFactory.create_batch(30)
    ids = [project.pk for project in projects]
    mirror = Mirror(anon)
    changes = {}

    def change(page):
        if page == 1:
            # Already delivered: changed, unpublished, deleted. Not yet delivered: changed.
            projects[0].title_en = "changed after delivery"
            projects[0].save()
            projects[1].state = PublishState.DRAFT
            projects[1].save()
            projects[2].delete()
            projects[25].title_en = "changed before delivery"
            projects[25].save()
            changes["new"] = ProjectFactory(title_en="created during the sync")
        if page == 2:
            projects[28].delete()
            projects[1].state = PublishState.PUBLISHED
            projects[1].save()

    pages = mirror.sync("/api/v1/projects/", {"modified_since": start.isoformat(), "page_size": 10}, change)

    assert pages >= 3
    assert mirror.rows == source()
    # Only objects that changed after their delivery came again (with their new state
    # or as a tombstone); one changed before its delivery came once, in its new state.
    repeated = {pk for pk, count in mirror.seen.items() if count > 1}
    assert repeated == {ids[0], ids[1], ids[2]}
    assert mirror.seen[projects[25].pk] == 1
    assert mirror.rows[projects[25].pk] == "changed before delivery"
    assert mirror.rows[projects[0].pk] == "changed after delivery"
    assert mirror.rows[changes["new"].pk] == "created during the sync"


def test_next_run_resumes_with_changes_and_tombstones_only(anon):
    start = timezone.now() - timedelta(minutes=1)
    kept, unpublished, deleted = ProjectFactory.create_batch(3)
    mirror = Mirror(anon)
    mirror.sync("/api/v1/projects/", {"modified_since": start.isoformat()})
    assert set(mirror.rows) == {kept.pk, unpublished.pk, deleted.pk}

    first_seen = dict(mirror.seen)
    unpublished.state = PublishState.DRAFT
    unpublished.save()
    deleted_pk = deleted.pk
    deleted.delete()
    body = mirror.page(mirror.resume)

    kinds = {item["id"]: item.get("reason") for item in body["results"]}
    assert kinds == {unpublished.pk: "unpublished", deleted_pk: "deleted"}
    assert all(item["deleted"] is True and item["time"] for item in body["results"])
    assert mirror.rows == source()
    assert mirror.seen[kept.pk] == first_seen[kept.pk]

    # Nothing new: the resume link gives an empty page and stays where it is.
    body = mirror.page(mirror.resume)
    assert body["results"] == [] and body["next"] is None


def test_republishing_brings_the_object_back(anon):
    start = timezone.now() - timedelta(minutes=1)
    project = ProjectFactory()
    mirror = Mirror(anon)
    mirror.sync("/api/v1/projects/", {"modified_since": start.isoformat()})
    project.state = PublishState.DRAFT
    project.save()
    mirror.page(mirror.resume)
    assert project.pk not in mirror.rows
    project.state = PublishState.PUBLISHED
    project.save()
    body = mirror.page(mirror.resume)
    assert [item.get("deleted") for item in body["results"]] == [None]
    assert mirror.rows == source()


def test_scheduled_publication_enters_the_stream_when_its_time_comes(anon):
    start = timezone.now() - timedelta(minutes=1)
    later = ProjectFactory(published_at=timezone.now() + timedelta(hours=1))
    mirror = Mirror(anon)
    mirror.sync("/api/v1/projects/", {"modified_since": start.isoformat()})
    assert later.pk not in mirror.rows
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        mirror.page(mirror.resume)
    assert later.pk in mirror.rows


def test_a_just_saved_change_is_in_the_stream_at_once(anon):
    start = timezone.now() - timedelta(minutes=1)
    project = ProjectFactory()
    body = anon.get("/api/v1/projects/", {"modified_since": start.isoformat()}).json()
    assert [item["id"] for item in body["results"]] == [project.pk]
    assert anon.get("/api/v1/projects/").json()["results"][0]["id"] == project.pk


def test_ordering_modified_is_a_plain_list_in_change_order(anon):
    ProjectFactory.create_batch(5)
    body = anon.get("/api/v1/projects/", {"ordering": "modified", "page_size": 2}).json()
    assert body["count"] == 5 and "resume" not in body
    ids = [item["id"] for item in body["results"]]
    while body["next"]:
        body = anon.get(body["next"]).json()
        ids += [item["id"] for item in body["results"]]
    assert ids == list(Project.objects.order_by("modified_at", "pk").values_list("pk", flat=True))


def test_partner_key_sees_its_drafts_in_the_stream_and_a_tombstone_when_it_loses_them(partner_a, org_a):
    start = timezone.now() - timedelta(minutes=1)
    draft = EventFactory(organisers=[org_a], state=PublishState.DRAFT)
    body = partner_a.get("/api/v1/events/", {"modified_since": start.isoformat()}).json()
    assert [item["id"] for item in body["results"]] == [draft.pk]
    Event.objects.get(pk=draft.pk).delete()
    body = partner_a.get(body["resume"]).json()
    assert body["results"][0]["deleted"] is True


@pytest.mark.parametrize("value", ["yesterday", "2026-01-01T00:00:00"])
def test_invalid_modified_since_is_400(anon, value):
    response = anon.get("/api/v1/projects/", {"modified_since": value})
    assert response.status_code == 400
    assert "modified_since" in response.json()["errors"]


def test_invalid_cursor_is_400(anon):
    response = anon.get("/api/v1/projects/", {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_changes_to_related_rows_re_send_the_objects_that_show_them(anon):
    start = timezone.now() - timedelta(minutes=1)
    participation = ParticipationFactory()
    project, partner = participation.project, participation.partner
    article = ArticleFactory()
    article.related_projects.add(project)
    projects = Mirror(anon)
    projects.sync("/api/v1/projects/", {"modified_since": start.isoformat()})
    news_resume = anon.get("/api/v1/news/", {"modified_since": start.isoformat()}).json()["resume"]

    # A participation saved outside the admin inline (a shell, a service).
    participation.role = ParticipationRole.COORDINATOR
    participation.save()
    body = projects.page(projects.resume)
    assert [item["id"] for item in body["results"]] == [project.pk]
    assert body["results"][0]["participations"][0]["role"] == ParticipationRole.COORDINATOR

    # Unpublishing a partner takes it out of the project's consortium.
    partner.state = PublishState.DRAFT
    partner.save()
    body = projects.page(projects.resume)
    assert [item["id"] for item in body["results"]] == [project.pk]
    assert body["results"][0]["participations"] == []

    # Unpublishing the project changes the article's related_projects.
    assert anon.get(news_resume).json()["results"] == []
    project.state = PublishState.DRAFT
    project.save()
    response = anon.get(news_resume).json()
    assert [item["id"] for item in response["results"]] == [article.pk]
    assert response["results"][0]["related_projects"] == []
