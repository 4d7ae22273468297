"""SearchableQuerySet: each model's QuerySet declares fields it really has, and
search() looks in the active language's column of a translated field."""

import pytest

from events.models import Event
from living_lab.models import OpenCall, Pilot
from news.models import Article
from partners.models import Partner
from projects.models import Project
from searchindex.querysets import SearchableQuerySet
from tests.factories import OpenCallFactory


@pytest.mark.parametrize("model", [Project, Partner, Event, Pilot, OpenCall, Article])
def test_every_searchable_queryset_declares_fields_of_its_model(model):
    queryset = model.objects.all()
    assert isinstance(queryset, SearchableQuerySet)
    assert queryset.search_fields
    assert set(queryset.search_fields) <= {field.name for field in model._meta.get_fields()}


@pytest.mark.django_db
def test_search_uses_the_given_language():
    call = OpenCallFactory(description_fi="Kaupunkipyöräily", description_sv="Stadscykling", description_en="City cycling")
    assert list(OpenCall.objects.search("Stadscykling", "sv")) == [call]
    assert list(OpenCall.objects.search("Stadscykling", "en")) == []
