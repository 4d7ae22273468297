"""Resource versions (finest/core/versions.py) and the page cache's own rules
(finest/core/pagecache.py): what bumps a version, when the clock does, and what is never stored."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from finest.core import pagecache, versions
from finest.core.models import PublishState, ResourceVersion
from tests.factories import EventFactory, ParticipationFactory, PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def version_of(label):
    return versions.current([label])[0].version


def test_every_save_and_delete_bumps_the_label():
    start = version_of("projects.project")
    project = ProjectFactory()
    assert version_of("projects.project") == start + 1
    project.title_en = "Renamed"
    project.save()
    assert version_of("projects.project") == start + 2
    project.delete()
    assert version_of("projects.project") > start + 2


def test_a_part_or_shown_content_bumps_the_content_it_is_shown_in():
    participation = ParticipationFactory()
    before = version_of("projects.project")
    participation.partner.name_en = "Renamed"
    participation.partner.save()
    assert version_of("projects.project") > before


def test_the_bump_is_in_the_same_transaction_as_the_change():
    project = ProjectFactory()
    before = version_of("projects.project")
    with pytest.raises(RuntimeError), transaction.atomic():
        project.title_en = "Never"
        project.save()
        raise RuntimeError
    assert version_of("projects.project") == before


def test_reading_versions_is_one_query(django_assert_num_queries):
    ProjectFactory()
    EventFactory()
    with django_assert_num_queries(1):
        found = versions.current(["projects.project", "events.event", "partners.partner", "core.focusarea"])
    assert [version.label for version in found] == ["projects.project", "events.event", "partners.partner", "core.focusarea"]


@time_machine.travel("2026-05-04 10:00:00+00:00", tick=False)
def test_a_scheduled_publish_date_is_the_next_moment_and_bumps_when_it_passes():
    soon = timezone.now() + timedelta(hours=2)
    ProjectFactory(published_at=soon)
    ProjectFactory(published_at=timezone.now() + timedelta(days=3))
    ProjectFactory(state=PublishState.DRAFT, published_at=timezone.now() + timedelta(hours=1))
    row = ResourceVersion.objects.get(label="projects.project")
    assert row.next_moment == soon
    before = row.version
    with time_machine.travel(soon + timedelta(seconds=1), tick=False):
        assert version_of("projects.project") == before + 1
        assert ResourceVersion.objects.get(label="projects.project").next_moment == soon + timedelta(days=3) - timedelta(hours=2)


@time_machine.travel("2026-05-04 10:00:00+00:00", tick=False)
def test_an_event_ending_is_a_moment_of_the_events():
    ends = timezone.now() + timedelta(hours=5)
    EventFactory(start=timezone.now() - timedelta(hours=1), end=ends)
    assert ResourceVersion.objects.get(label="events.event").next_moment == ends


def _aggregates_over(table, queries) -> int:
    return sum(1 for query in queries if "MIN(" in query["sql"].upper() and table in query["sql"])


def _restamps():
    return [func for _sids, func, _robust in connection.run_on_commit if getattr(func, "restamps", None)]


@time_machine.travel("2026-05-04 10:00:00+00:00", tick=False)
def test_a_transaction_that_changes_many_objects_takes_the_next_moment_once():
    projects = ProjectFactory.create_batch(3)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        for n in range(20):
            ProjectFactory(published_at=timezone.now() + timedelta(days=30 - n))
        for project in projects:
            project.title_en = "Renamed"
            project.save()
    assert _aggregates_over("projects_project", queries.captured_queries) <= 1
    assert ResourceVersion.objects.get(label="projects.project").next_moment == timezone.now() + timedelta(days=11)
    assert len([func for func in _restamps() if func.restamps[1] == "projects.project"]) == 1


@time_machine.travel("2026-05-04 10:00:00+00:00", tick=False)
def test_a_moment_moved_later_in_the_same_transaction_is_taken_again_when_the_early_one_passes():
    first = ProjectFactory(published_at=timezone.now() + timedelta(hours=1))
    first.published_at = timezone.now() + timedelta(hours=5)
    first.save()
    event = EventFactory(start=timezone.now() - timedelta(hours=1), end=timezone.now() + timedelta(hours=3))
    event.end = timezone.now() + timedelta(hours=2)
    event.save()
    assert ResourceVersion.objects.get(label="events.event").next_moment == timezone.now() + timedelta(hours=2)
    # Early, never late: the hour that no longer moves anything bumps once and takes the aggregate.
    assert ResourceVersion.objects.get(label="projects.project").next_moment == timezone.now() + timedelta(hours=1)
    before = version_of("projects.project")
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1), tick=False):
        assert version_of("projects.project") == before + 1
        assert ResourceVersion.objects.get(label="projects.project").next_moment == first.published_at


@time_machine.travel("2026-05-04 10:00:00+00:00", tick=False)
def test_a_rolled_back_savepoint_takes_the_bookkeeping_with_it():
    ResourceVersion.objects.filter(label="projects.project").update(next_moment=timezone.now() + timedelta(days=99))
    with pytest.raises(RuntimeError), transaction.atomic():
        ProjectFactory(published_at=timezone.now() + timedelta(hours=2))
        raise RuntimeError
    assert not [func for func in _restamps() if func.restamps[1] == "projects.project"]
    # The first bump after it is this transaction's first again: the aggregate, and a restamp.
    ProjectFactory(published_at=timezone.now() - timedelta(days=1))
    assert ResourceVersion.objects.get(label="projects.project").next_moment is None
    assert len([func for func in _restamps() if func.restamps[1] == "projects.project"]) == 1


def test_rows_seeded_by_migrate_for_every_content_label():
    labels = set(ResourceVersion.objects.values_list("label", flat=True))
    assert {"projects.project", "events.event", "partners.partner", "news.article", "core.focusarea"} <= labels


# --- the page cache's rules ------------------------------------------------------

def _view(counter, response_factory=lambda request: HttpResponse("page")):
    @pagecache.cached_page(depends=("projects.project",))
    def view(request):
        counter.append(1)
        return response_factory(request)

    return view


def _anonymous(request):
    request.user = AnonymousUser()
    request.session = {}
    return request


def test_a_second_anonymous_get_is_served_from_the_cache():
    calls = []
    view = _view(calls)
    assert view(_anonymous(RequestFactory().get("/x/")))["X-Page-Cache"] == "miss"
    assert view(_anonymous(RequestFactory().get("/x/")))["X-Page-Cache"] == "hit"
    assert view(_anonymous(RequestFactory().get("/x/?page=2")))["X-Page-Cache"] == "miss"
    assert len(calls) == 2
    ProjectFactory()
    view(_anonymous(RequestFactory().get("/x/")))
    assert len(calls) == 3


@pytest.mark.parametrize(
    "make",
    [
        lambda request: _with_cookie(),
        lambda request: _with_csrf(request),
        lambda request: HttpResponse("gone", status=404),
        lambda request: _private(),
    ],
    ids=["sets-a-cookie", "uses-the-csrf-token", "not-200", "private"],
)
def test_responses_that_are_not_the_same_for_everyone_are_not_stored(make):
    calls = []
    view = _view(calls, make)
    view(_anonymous(RequestFactory().get("/x/")))
    view(_anonymous(RequestFactory().get("/x/")))
    assert len(calls) == 2


def _with_cookie():
    response = HttpResponse("page")
    response.set_cookie("seen", "1")
    return response


def _with_csrf(request):
    get_token(request)
    return HttpResponse("page with a token")


def _private():
    response = HttpResponse("page")
    response["Cache-Control"] = "private"
    return response


def test_posts_signed_in_users_and_messages_are_not_cached(django_user_model):
    calls = []
    view = _view(calls)
    view(_anonymous(RequestFactory().post("/x/")))
    signed_in = RequestFactory().get("/x/")
    signed_in.user = django_user_model.objects.create_user("editor", password="x")
    view(signed_in)
    with_messages = _anonymous(RequestFactory().get("/x/"))
    with_messages.COOKIES["messages"] = "saved"
    view(with_messages)
    assert len(calls) == 3
    assert not pagecache.local._items


def test_page_cache_off_serves_every_request_fresh(settings):
    settings.PAGE_CACHE = False
    calls = []
    view = _view(calls)
    view(_anonymous(RequestFactory().get("/x/")))
    view(_anonymous(RequestFactory().get("/x/")))
    assert len(calls) == 2


def test_redis_down_pages_are_rendered_and_never_stale(settings, client):
    settings.CACHES = {
        "default": {
            "BACKEND": "finest.ops.cache.FailSoftRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2, "retry_after": 60},
        }
    }
    # Only the shared cache is down: each process's own copy is keyed by the versions as well.
    partner = PartnerFactory(name_en="Before")
    with translation.override("en"):
        path = partner.get_absolute_url()
    assert b"Before" in client.get(path).content
    partner.name_en = "After"
    partner.save()
    page = client.get(path)
    assert page.status_code == 200
    assert b"After" in page.content and b"Before" not in page.content


def test_a_slow_commit_moves_the_change_time_to_the_commit(django_capture_on_commit_callbacks):
    # Stamped inside the transaction, the change time would fall before Last-Modified dates
    # handed out while it was still committing.
    begun = timezone.now()
    with time_machine.travel(begun, tick=False), django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        ProjectFactory()
        ProjectFactory()
    stamped = ResourceVersion.objects.get(label="projects.project").changed_at
    assert len([c for c in callbacks if getattr(c, "restamps", (None, None))[1] == "projects.project"]) == 1
    with time_machine.travel(begun + timedelta(seconds=14), tick=False):
        for callback in callbacks:
            callback()
    restamped = ResourceVersion.objects.get(label="projects.project").changed_at
    assert stamped == begun and restamped == begun + timedelta(seconds=14)
    assert versions.last_modified(restamped, begun + timedelta(seconds=20)).compare > begun.timestamp() + 13
