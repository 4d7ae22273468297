"""The home page's content sections (focus areas, the Centre, the project, event, news, pilot and call
cards) are rendered once per version of the content and day (website/views.py ``_home_sections``): every
change shows on the next page, with the page cache off and on, the languages don't leak into each
other, and a signed preview renders them afresh."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from finest.core import fragments
from tests.factories import (
    ArticleFactory,
    EventFactory,
    FeaturedItemFactory,
    FocusAreaFactory,
    KeyFigureFactory,
    OpenCallFactory,
    PageFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def _home(client, language="en") -> str:
    with translation.override(language):
        url = reverse("website:home")
    return client.get(url).content.decode()


@pytest.fixture(params=[True, False], ids=["page cache on", "page cache off"])
def page_cache(request, settings):
    settings.PAGE_CACHE = request.param
    return request.param


def _saved_shows(client, obj, **changes) -> str:
    """Save ``changes`` to ``obj``; the home page right after."""
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return _home(client)


def test_a_new_project_an_edit_and_an_unpublication_show_at_once(client, page_cache):
    assert "Harbour twin" not in _home(client)
    project = ProjectFactory(title_en="Harbour twin")
    assert "Harbour twin" in _home(client)
    html = _saved_shows(client, project, title_en="Harbour model")
    assert "Harbour model" in html and "Harbour twin" not in html
    assert "Harbour model" not in _saved_shows(client, project, published_at=None)


def test_a_change_to_related_content_shows_too(client, page_cache):
    area = FocusAreaFactory(name_en="Smart harbours")
    project = ProjectFactory(title_en="Harbour twin")
    project.focus_areas.set([area])
    assert '<li class="tag">Smart harbours</li>' in _home(client)
    area.name_en = "Clever harbours"
    area.save()
    assert '<li class="tag">Clever harbours</li>' in _home(client)


def test_an_event_leaves_when_it_ends_and_a_scheduled_article_appears(client, page_cache):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        EventFactory(title_en="Harbour seminar", start=now + timedelta(minutes=10), end=now + timedelta(hours=1))
        ArticleFactory(title_en="Harbour news", published_at=now + timedelta(minutes=30))
        html = _home(client)
        assert "Harbour seminar" in html and "Harbour news" not in html
    with time_machine.travel(now + timedelta(minutes=40), tick=False):
        html = _home(client)
        assert "Harbour seminar" in html and "Harbour news" in html
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        html = _home(client)
        assert "Harbour seminar" not in html and "Harbour news" in html


def test_a_call_closes_and_a_project_ends_with_the_day(client, page_cache):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        OpenCallFactory(title_en="Harbour call", deadline=now + timedelta(hours=1))
        ProjectFactory(title_en="Harbour twin", end_date=timezone.localdate())
        html = _home(client)
        assert "Harbour call" in html and "Harbour twin" in html
    with time_machine.travel(now + timedelta(days=1, hours=1), tick=False):
        html = _home(client)
        assert "Harbour call" not in html and "Harbour twin" not in html


def test_languages_are_kept_apart(client):
    ProjectFactory(title_fi="Satamakaksonen", title_sv="Hamntvilling", title_en="Harbour twin")
    assert "Satamakaksonen" in _home(client, "fi")
    assert "Hamntvilling" in _home(client, "sv")
    html = _home(client, "en")
    assert "Harbour twin" in html and "Satamakaksonen" not in html and "Hamntvilling" not in html


def test_a_stored_fragment_costs_no_card_queries(client, settings):
    settings.PAGE_CACHE = False
    ProjectFactory(title_en="Harbour twin")
    EventFactory(title_en="Harbour seminar")
    first = _home(client)
    with CaptureQueriesContext(connection) as stored:
        assert _home(client) == first
    fragments.clear()
    with CaptureQueriesContext(connection) as fresh:
        assert _home(client) == first
    # The sections' seven queries and the cards' prefetches are left out; the versions are read once.
    assert len(fresh) - len(stored) >= 7
    assert not any('FROM "events_event"' in query["sql"] for query in stored.captured_queries)


def test_the_fragment_cache_can_be_turned_off(client, settings):
    settings.FRAGMENT_CACHE = False
    ProjectFactory(title_en="Harbour twin")
    assert "Harbour twin" in _home(client)
    assert len(fragments.local._items) == 0


def test_the_hero_key_figures_and_featured_items_follow_their_edits(client, page_cache):
    figure = KeyFigureFactory(label_en="Harbour berths")
    project = ProjectFactory(title_en="Harbour twin")
    FeaturedItemFactory(home_page=figure.home_page, project=project)
    html = _home(client)
    assert "Harbour berths" in html and '<h3><a href="' in html and "featured-card" in html
    figure.label_en = "Harbour quays"
    figure.save()
    home_page = figure.home_page
    home_page.title_en = "Harbour home"
    home_page.save()
    html = _home(client)
    assert "Harbour quays" in html and "Harbour berths" not in html and "Harbour home" in html
    project.published_at = None
    project.save()
    assert "featured-card" not in _home(client)


def test_the_menu_and_footer_links_follow_the_pages(client, page_cache):
    """The navigation (pages/context_processors.py) is kept per version of the pages and day."""
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        page = PageFactory(title_en="Harbour office", show_in_menu=True)
        PageFactory(title_en="Harbour press", show_in_footer=True, published_at=now + timedelta(hours=1))
        html = _home(client)
        assert "Harbour office" in html and "Harbour press" not in html
        html = _saved_shows(client, page, title_en="Harbour desk")
        assert "Harbour desk" in html and "Harbour office" not in html
        assert "Harbour desk" not in _saved_shows(client, page, show_in_menu=False)
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        assert "Harbour press" in _home(client)
