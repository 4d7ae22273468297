"""The public pages' cache: every kind of change shows at once, nothing private is stored,
language and query variants stay apart (finest/core/pagecache.py on the apps' views)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from finest.core.models import PublishState
from finest.core.permissions import Actor
from finest.core.services import content_delete, content_update, publishable_publish, publishable_unpublish
from tests.factories import ParticipationFactory, ProjectFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def detail(obj, language="en"):
    with translation.override(language):
        return obj.get_absolute_url()


def test_anonymous_pages_are_served_from_the_cache_with_one_query(client, django_assert_max_num_queries):
    ProjectFactory(title_en="Cached")
    pages = ("website:home", "projects:list", "partners:list", "events:list", "news:list")
    for name in (*pages, "living_lab:pilot-list", "living_lab:call-list", "website:map"):
        assert client.get(url(name))["X-Page-Cache"] == "miss", name
        with django_assert_max_num_queries(1):
            again = client.get(url(name))
        assert again["X-Page-Cache"] == "hit", name
        assert again.status_code == 200


def test_publish_unpublish_edit_and_delete_show_at_once(client):
    actor = Actor.system()
    project = ProjectFactory(title_en="Gamma Twin", state=PublishState.DRAFT, published_at=None)
    listing = url("projects:list")
    assert b"Gamma Twin" not in client.get(listing).content

    publishable_publish(obj=project, actor=actor)
    assert b"Gamma Twin" in client.get(listing).content
    assert b"Gamma Twin" in client.get(detail(project)).content

    project.title_en = "Delta Twin"
    content_update(obj=project, actor=actor)
    assert b"Delta Twin" in client.get(listing).content
    assert b"Delta Twin" in client.get(detail(project)).content

    publishable_unpublish(obj=project, actor=actor)
    assert b"Delta Twin" not in client.get(listing).content
    assert client.get(detail(project)).status_code == 404

    publishable_publish(obj=project, actor=actor)
    path = detail(project)
    assert client.get(path).status_code == 200
    content_delete(obj=project, actor=actor)
    assert client.get(path).status_code == 404
    assert b"Delta Twin" not in client.get(listing).content


def test_a_scheduled_publish_date_passing_shows_the_project(client):
    with time_machine.travel("2026-03-02 08:00:00+00:00", tick=False):
        ProjectFactory(title_en="Scheduled Twin", published_at=timezone.now() + timedelta(hours=1))
        assert b"Scheduled Twin" not in client.get(url("projects:list")).content
        assert b"Scheduled Twin" not in client.get(url("website:home")).content
    with time_machine.travel("2026-03-02 09:00:01+00:00", tick=False):
        assert b"Scheduled Twin" in client.get(url("projects:list")).content


def test_an_expiry_date_passing_hides_the_project(client):
    with time_machine.travel("2026-03-02 08:00:00+00:00", tick=False):
        ProjectFactory(title_en="Expiring Twin", unpublish_at=timezone.now() + timedelta(hours=1))
        assert b"Expiring Twin" in client.get(url("projects:list")).content
    with time_machine.travel("2026-03-02 09:00:01+00:00", tick=False):
        assert b"Expiring Twin" not in client.get(url("projects:list")).content


def test_a_renamed_partner_shows_on_the_project_page(client):
    participation = ParticipationFactory(partner__name_en="Old Name Oy")
    path = detail(participation.project)
    assert b"Old Name Oy" in client.get(path).content
    partner = participation.partner
    partner.name_en = "New Name Oy"
    content_update(obj=partner, actor=Actor.system())
    page = client.get(path).content
    assert b"New Name Oy" in page and b"Old Name Oy" not in page


def test_languages_and_queries_do_not_share_entries(client):
    ProjectFactory(title_fi="Suomeksi", title_en="In English")
    assert b"In English" in client.get(url("projects:list", "en")).content
    assert b"Suomeksi" in client.get(url("projects:list", "fi")).content
    assert b"In English" in client.get(url("projects:list", "en")).content
    assert client.get(url("projects:list") + "?q=nothing-like-it")["X-Page-Cache"] == "miss"


def test_an_editors_pages_and_previews_are_never_stored(client):
    draft = ProjectFactory(title_en="Secret Draft", state=PublishState.DRAFT, published_at=None)
    editor = StaffUserFactory()
    client.force_login(editor)
    preview = client.get(detail(draft))
    listing = client.get(url("projects:list"))
    assert "X-Page-Cache" not in preview and "X-Page-Cache" not in listing
    client.logout()
    assert client.get(detail(draft)).status_code == 404
    assert b"Secret Draft" not in client.get(url("projects:list")).content


def test_the_footer_form_carries_no_token_so_pages_are_cached(client):
    page = client.get(url("website:home"))
    assert b"newsletter-form" in page.content
    assert b"csrfmiddlewaretoken" not in page.content
    assert "csrftoken" not in page.cookies


def test_page_cache_off(client, settings):
    settings.PAGE_CACHE = False
    client.get(url("projects:list"))
    assert "X-Page-Cache" not in client.get(url("projects:list"))
