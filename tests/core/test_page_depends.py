"""Every cached page depends on all the content it reads, and on no more where a page is narrower
than ALL_CONTENT: an unrelated publish leaves it cached, a related one does not.

The first test renders each cached page with rich data, records the tables its queries read and
maps them to content labels (a part's table to the content it is shown in, a many-to-many table to
its owner): each must be among the page's declared labels, or a change there would go unseen."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from finest.core import changelog
from finest.core.models import PublishState
from finest.core.permissions import Actor
from finest.core.services import content_update, publishable_publish
from tests.factories import (
    ArticleFactory,
    CityFactory,
    EventFactory,
    FocusAreaFactory,
    OpenCallFactory,
    PageFactory,
    ParticipationFactory,
    PilotFactory,
    ProjectFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

TABLE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def table_labels() -> dict[str, tuple[str, ...]]:
    mapping = {}
    for model in apps.get_models(include_auto_created=True):
        owner = model._meta.auto_created or model
        labels = changelog.logged_as(owner)
        if labels:
            mapping[model._meta.db_table] = labels
    return mapping


@pytest.fixture
def rich():
    city = CityFactory()
    area = FocusAreaFactory()
    project = ProjectFactory(focus_areas=[area], cities=[city])
    other = ProjectFactory(focus_areas=[area])
    project.related_projects.add(other)
    participation = ParticipationFactory(project=project, partner__city=city)
    event = EventFactory(organisers=[participation.partner], city=city)
    event.related_projects.add(project)
    SessionFactory(event=event)
    call = OpenCallFactory(project=project, host=participation.partner)
    call.cities.add(city)
    call.focus_areas.add(area)
    pilot = PilotFactory(project=project, open_call=call, host=participation.partner, cities=[city], focus_area=area)
    pilot.participants.add(participation.partner)
    article = ArticleFactory()
    article.related_projects.add(project)
    article.related_events.add(event)
    article.related_pilots.add(pilot)
    article.focus_areas.add(area)
    PageFactory()
    return {
        "project": project,
        "event": event,
        "call": call,
        "pilot": pilot,
        "article": article,
        "partner": participation.partner,
        "city": city,
        "area": area,
    }


def cached_paths(rich):
    with translation.override("en"):
        yield reverse("website:home")
        yield reverse("projects:list")
        yield reverse("partners:list")
        yield reverse("events:list")
        yield reverse("news:list")
        yield reverse("living_lab:pilot-list")
        yield reverse("living_lab:call-list")
        yield reverse("website:map")
        yield reverse("website:focus-area-list")
        for name in ("project", "event", "call", "pilot", "article", "partner", "city", "area"):
            yield rich[name].get_absolute_url()


def test_each_page_declares_every_content_it_reads(client, rich):
    mapping = table_labels()
    missing = {}
    for path in cached_paths(rich):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Page-Cache"] == "miss", path
        declared = set(response.wsgi_request._page_cache[0])
        read = {label for query in queries for table in TABLE.findall(query["sql"]) for label in mapping.get(table, ())}
        if read - declared:
            missing[path] = sorted(read - declared)
    assert missing == {}


def test_the_layout_follows_the_menu(client):
    listing = reverse("projects:list")
    page = PageFactory(title_en="Brand New Menu Page", show_in_menu=True, state=PublishState.DRAFT, published_at=None)
    assert b"Brand New Menu Page" not in client.get(listing).content
    publishable_publish(obj=page, actor=Actor.system())
    assert b"Brand New Menu Page" in client.get(listing).content


def test_an_unrelated_publish_leaves_a_page_cached_and_a_related_one_does_not(client, rich):
    path = rich["event"].get_absolute_url()
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"
    draft = ArticleFactory(title_en="Unrelated news", state=PublishState.DRAFT, published_at=None)
    publishable_publish(obj=draft, actor=Actor.system())
    assert client.get(path)["X-Page-Cache"] == "hit"
    partner = rich["partner"]
    partner.name_en = "Renamed Organiser Oy"
    content_update(obj=partner, actor=Actor.system())
    page = client.get(path)
    assert page["X-Page-Cache"] == "miss" and b"Renamed Organiser Oy" in page.content


def test_a_partner_page_ignores_news_but_not_its_projects(client, rich):
    path = rich["partner"].get_absolute_url()
    client.get(path)
    publishable_publish(obj=ArticleFactory(state=PublishState.DRAFT, published_at=None), actor=Actor.system())
    assert client.get(path)["X-Page-Cache"] == "hit"
    project = rich["project"]
    project.title_en = "Retitled Consortium Project"
    content_update(obj=project, actor=Actor.system())
    page = client.get(path)
    assert page["X-Page-Cache"] == "miss" and b"Retitled Consortium Project" in page.content
