import os
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test.signals import template_rendered
from django.utils import translation

from finest.celery import app as celery_app
from finest.core import fragments, pagecache
from tests.factories import StaffUserFactory

CLOCK_SHIFT_ENV = "FINEST_TEST_CLOCK_SHIFT_DAYS"


def pytest_addoption(parser):
    parser.addoption(
        "--clock-shift-days",
        type=int,
        default=int(os.environ.get(CLOCK_SHIFT_ENV) or 0),
        help=f"run the whole session with the clock moved this many days ahead (also ${CLOCK_SHIFT_ENV})",
    )


def pytest_configure(config):
    # The suite must pass on any date: CI runs it a second time a year and more ahead.
    # Each xdist worker runs this too, and the variable reaches the processes the tests start.
    days = config.getoption("--clock-shift-days")
    if days:
        os.environ[CLOCK_SHIFT_ENV] = str(days)
        traveller = time_machine.travel(datetime.now(UTC) + timedelta(days=days), tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


def pytest_report_header(config):
    days = config.getoption("--clock-shift-days")
    return f"clock moved {days} days ahead: now is {datetime.now(UTC):%Y-%m-%d %H:%M} UTC" if days else None


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    # With REDIS_URL set (make test, CI) tasks would go to a broker no worker reads: run them in
    # the test's process, as `make run` does. The integration tests start real workers instead.
    if request.node.get_closest_marker("integration"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _api_throttle_out_of_the_way(settings):
    # The throttle's counts live in the cache, which outlives a test: without this, the API calls
    # of earlier tests on the same xdist worker would decide whether a later one gets a 429.
    # The throttling tests set their own rates.
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "anonymous": "100000/minute", "key": "100000/minute"}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_user(db):
    return StaffUserFactory()


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    # Requests activate their language in the test's own thread and leave it active, so without
    # this a test's language would depend on which tests ran before it on the same xdist worker.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    # Each test's database starts again from version 1 at a frozen time, which can be another
    # test's keys: cached pages and API answers must not outlive the test that stored them.
    cache.clear()
    pagecache.clear()
    fragments.clear()
    yield
    cache.clear()
    pagecache.clear()
    fragments.clear()


@pytest.fixture
def fast_answers(monkeypatch):
    """The full paths of the requests the page cache's fast path (PageCacheMiddleware) answered."""
    answered = []
    original = pagecache.fast_response

    def spy(request, key):
        response = original(request, key)
        if response is not None:
            answered.append(request.get_full_path())
        return response

    monkeypatch.setattr(pagecache, "fast_response", spy)
    return answered


@pytest.fixture
def shared_cache_away(monkeypatch):
    """``with shared_cache_away():`` Redis unreachable meanwhile: every get a miss, nothing stored."""

    @contextmanager
    def away():
        with monkeypatch.context() as patched:
            patched.setattr(cache, "get", lambda *args, **kwargs: None)
            patched.setattr(cache, "set", lambda *args, **kwargs: None)
            yield

    return away


@pytest.fixture
def rendered_templates():
    """The names of the templates rendered meanwhile (Django's signal, which the test runner's
    instrumented renderer sends)."""
    names = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


# The test folders whose pages show the menu, the footer or the site pages. Elsewhere the pages
# would only add rows to the change log and the search index that those tests count.
SITE_PAGE_TEST_DIRS = ("pages", "website", "browser", "security", "registrations", "newsletter", "applications")


@pytest.fixture(autouse=True)
def _site_pages(request):
    """The test database flush removes the data migration's pages (the menu, About, Contact …, the
    home page's texts and key figures): recreate them for the tests that use the database and render the site."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames)
    folder = request.node.path.parent.name
    if not uses_db or folder not in SITE_PAGE_TEST_DIRS:
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    from django.apps import apps  # noqa: PLC0415 - needs Django set up

    from pages.home_content import create_home_page  # noqa: PLC0415
    from pages.site_pages import create_site_pages  # noqa: PLC0415

    create_site_pages(apps)
    create_home_page(apps)
