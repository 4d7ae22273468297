"""The project list's filter options and query count at growing size."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from finest.core.models import PublishState
from projects import views as project_views
from projects.views import ProjectFilterForm
from tests.factories import CityFactory, FocusAreaFactory, ParticipationFactory, PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_filter_options_are_those_of_published_projects_once_each():
    shown, hidden = PartnerFactory(name_en="Shown"), PartnerFactory(name_en="Hidden")
    city, other_city = CityFactory(), CityFactory()
    for _ in range(2):  # two projects of one partner and city: still one option each
        ParticipationFactory(partner=shown, project=ProjectFactory(cities=[city]))
    ParticipationFactory(partner=hidden, project=ProjectFactory(state=PublishState.DRAFT, cities=[other_city]))
    form = ProjectFilterForm()
    assert list(form.fields["partner"].queryset) == [shown]
    assert list(form.fields["city"].queryset) == [city]


def _queries(client, rows: int) -> int:
    areas, cities = FocusAreaFactory.create_batch(2), CityFactory.create_batch(2)
    for _ in range(rows):
        ParticipationFactory(project=ProjectFactory(focus_areas=areas, cities=cities))
    with translation.override("en"):
        url = reverse("projects:list")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"page": "2"}).status_code == 200
    return len(captured)


def test_list_query_count_is_the_same_at_5_and_50_rows(client, settings):
    settings.PAGE_CACHE = False
    few = _queries(client, 5)
    many = _queries(client, 45)
    assert many == few


def _option_ids(html: str) -> list[int]:
    select = re.search(r'<select name="partner"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [int(value) for value in re.findall(r'<option value="(\d+)"', select)]


def test_partner_dropdown_offers_only_the_most_frequent_partners_and_the_chosen_one(client, settings, monkeypatch):
    settings.PAGE_CACHE = False
    monkeypatch.setattr(project_views, "PARTNER_OPTIONS", 2)
    partners = [PartnerFactory(name_en=f"Partner {letter}") for letter in "ABCD"]
    # D in three published projects, B in two, A in one and in a draft; C in one.
    for partner, count in ((partners[3], 3), (partners[1], 2), (partners[0], 1), (partners[2], 1)):
        for _ in range(count):
            ParticipationFactory(partner=partner, project=ProjectFactory())
    ParticipationFactory(partner=partners[0], project=ProjectFactory(state=PublishState.DRAFT))
    with translation.override("en"):
        url = reverse("projects:list")
    html = client.get(url).content.decode()
    assert _option_ids(html) == [partners[1].pk, partners[3].pk]  # B and D, by name
    # A partner outside the options is still a valid filter, and shown as the chosen option.
    response = client.get(url, {"partner": partners[2].pk})
    html = response.content.decode()
    assert _option_ids(html) == [partners[1].pk, partners[2].pk, partners[3].pk]
    assert f'<option value="{partners[2].pk}" selected>' in html
    assert len(response.context["projects"]) == 1


def test_free_text_partner_filter_finds_any_partner_by_name(client, settings):
    settings.PAGE_CACHE = False
    wanted = PartnerFactory(name_en="Tallinn University of Technology", name_fi="Tallinnan teknillinen yliopisto")
    project = ProjectFactory(title_en="Found")
    ParticipationFactory(partner=wanted, project=project)
    ParticipationFactory(project=ProjectFactory(title_en="Other"))
    with translation.override("en"):
        url = reverse("projects:list")
    response = client.get(url, {"partner_name": "teknillinen"})
    assert [found.title_en for found in response.context["projects"]] == ["Found"]
    html = response.content.decode()
    assert '<label for="id_partner_name">' in html
    assert 'name="partner_name" value="teknillinen"' in html


def test_list_search_uses_the_index_title_matches_first_then_newest(client, settings):
    settings.PAGE_CACHE = False
    today = date(2026, 6, 1)
    old_title = ProjectFactory(title_en="Hydrogen valley", start_date=today - timedelta(days=900))
    new_body = ProjectFactory(title_en="Port logistics", summary_en="Hydrogen ferries.", start_date=today)
    new_title = ProjectFactory(title_en="Hydrogen buses", start_date=today - timedelta(days=100))
    ProjectFactory(title_en="Unrelated", summary_en="Nothing here.")
    ProjectFactory(title_en="Hydrogen draft", state=PublishState.DRAFT)
    with translation.override("en"):
        url = reverse("projects:list")
    response = client.get(url, {"q": "hydrogen"})
    assert list(response.context["projects"]) == [new_title, old_title, new_body]
    assert list(client.get(url, {"q": "!!!"}).context["projects"]) == []


def test_list_search_query_count_is_the_same_at_5_and_50_matches(client, settings):
    settings.PAGE_CACHE = False

    def queries(rows: int) -> int:
        for _ in range(rows):
            ParticipationFactory(project=ProjectFactory(title_en="Energy community"))
        with translation.override("en"):
            url = reverse("projects:list")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"q": "energy", "page": "2"}).status_code == 200
        return len(captured)

    queries(1)  # content types and the like cached
    assert queries(5) == queries(45)
