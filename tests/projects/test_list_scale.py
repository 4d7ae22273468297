"""The project list's filter options and query count at growing size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from finest.core import fragments
from finest.core.models import PublishState
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
    fragments.clear()  # the navigation is kept per version of the pages: each count starts without it
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"page": "2"}).status_code == 200
    return len(captured)


def test_list_query_count_is_the_same_at_5_and_50_rows(client, settings):
    settings.PAGE_CACHE = False
    few = _queries(client, 5)
    many = _queries(client, 45)
    assert many == few
