"""Every list costs the same number of queries whatever its page size (no query per
row), with 100+ rows and every include= expansion."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    CityFactory,
    EventFactory,
    FocusAreaFactory,
    FundingSourceFactory,
    KPIFactory,
    KPIValueFactory,
    OpenCallFactory,
    ParticipationFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
    SessionFactory,
    SpeakerFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db

ROWS = 105
MAX_QUERIES = 20


@pytest.fixture
def content():
    focus = FocusAreaFactory.create_batch(3)
    cities = CityFactory.create_batch(3)
    partners = PartnerFactory.create_batch(3, city=cities[0])
    speaker = SpeakerFactory(partner=partners[0])
    for index in range(ROWS):
        project = ProjectFactory(focus_areas=focus, cities=cities)
        ParticipationFactory(project=project, partner=partners[index % 3])
        FundingSourceFactory(project=project, funder=partners[1])
        WorkPackageFactory(project=project, lead_partner=partners[2])
        event = EventFactory(organisers=partners[:2], city=cities[0])
        event.focus_areas.set(focus)
        event.related_projects.add(project)
        SessionFactory(event=event).speakers.add(speaker)
        pilot = PilotFactory(cities=cities, host=partners[0], project=project)
        pilot.participants.set(partners[1:])
        KPIValueFactory(kpi=KPIFactory(pilot=pilot), city=cities[0])
        call = OpenCallFactory(host=partners[1], project=project)
        call.focus_areas.set(focus)
        article = ArticleFactory()
        article.focus_areas.set(focus)
        article.related_projects.add(project)
        article.related_events.add(event)
        article.related_pilots.add(pilot)
    CityFactory.create_batch(ROWS)
    PartnerFactory.create_batch(ROWS)
    FocusAreaFactory.create_batch(ROWS)


INCLUDES = {
    "projects": "focus_areas,cities,partners",
    "participations": "",
    "partners": "city",
    "events": "organisers,related_projects,focus_areas,city,parent",
    "pilots": "partners,cities,focus_area,project,open_call",
    "open-calls": "host,project,focus_areas,cities",
    "news": "focus_areas,related_projects,related_events,related_pilots",
    "focus-areas": "",
    "cities": "",
}


def _count(client, path, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(queries), response


def test_list_queries_do_not_grow_with_the_page_size(anon, staff_api, content):
    # Building 100+ rows of everything is slow, so one test walks every list.
    for name, include in INCLUDES.items():
        path = f"/api/v1/{name}/"
        for client in (anon, staff_api):
            # A key's first use in a minute records last_used_at: keep that write out of the counts.
            client.get("/api/v1/")
            small, _ = _count(client, path, {"page_size": 5, "include": include})
            large, response = _count(client, path, {"page_size": 100, "include": include})
            assert len(response.json()["results"]) == 100
            assert small == large, (name, small, large)
            assert large <= MAX_QUERIES, (name, large)


def test_sync_pages_and_exports_do_not_grow_either(anon, content, django_assert_max_num_queries):
    for name in INCLUDES:
        if name == "participations":
            continue
        path = f"/api/v1/{name}/"
        small, _ = _count(anon, path, {"page_size": 5, "modified_since": "2000-01-01T00:00:00Z"})
        large, response = _count(anon, path, {"page_size": 100, "modified_since": "2000-01-01T00:00:00Z"})
        assert len(response.json()["results"]) == 100
        assert small == large, (name, small, large)
        with django_assert_max_num_queries(MAX_QUERIES):
            anon.get(path, {"format": "csv"})
