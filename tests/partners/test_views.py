"""Partner list and detail pages."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from finest.core.i18n import url_in_language
from finest.core.models import PublishState
from partners.models import PartnerType
from projects.models import ParticipationRole
from tests.factories import (
    ContactPersonFactory,
    EventFactory,
    OpenCallFactory,
    ParticipationFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
)
from tests.website.test_views import LANGUAGES, assert_page_basics, json_ld_blocks


def list_url(language="en"):
    with translation.override(language):
        return reverse("partners:list")


@pytest.fixture
def taltech(db):
    partner = PartnerFactory(
        name_fi="Tallinnan teknillinen yliopisto", name_sv="Tallinns tekniska universitet",
        name_en="Tallinn University of Technology", short_name="TalTech", country="EE",
        type=PartnerType.UNIVERSITY, website="https://taltech.ee/", ror_id="0443cwa12",
    )
    ParticipationFactory(partner=partner, project=ProjectFactory(title_en="FinEst Twins"), role=ParticipationRole.COORDINATOR)
    ParticipationFactory(partner=partner, project=ProjectFactory(title_en="Hidden draft", state=PublishState.DRAFT, published_at=None))
    PilotFactory(title_en="Hosted pilot", host=partner)
    PilotFactory(title_en="Joined pilot").participants.add(partner)
    EventFactory(title_en="Organised seminar", organisers=[partner])
    OpenCallFactory(title_en="Hosted call", host=partner)
    ContactPersonFactory(partner=partner, name="Public Person")
    ContactPersonFactory(partner=partner, name="Private Person", is_public=False)
    return partner


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_list_and_detail_in_every_language(client, taltech, language):
    assert_page_basics(client.get(list_url(language)), language)
    html = assert_page_basics(client.get(url_in_language(taltech, language)), language)
    for other in LANGUAGES:
        assert f'href="{url_in_language(taltech, other)}" lang="{other}" hreflang="{other}"' in html


@pytest.mark.django_db
def test_detail_shows_projects_pilots_events_and_public_contacts(client, taltech):
    html = client.get(url_in_language(taltech, "en")).content.decode()
    assert "FinEst Twins" in html and "Coordinator" in html
    assert "Hidden draft" not in html
    assert "Hosted pilot" in html and "Joined pilot" in html
    assert "Organised seminar" in html and "Hosted call" in html
    assert "Public Person" in html and "Private Person" not in html


@pytest.mark.django_db
def test_detail_json_ld_is_an_organization(client, taltech):
    [data] = json_ld_blocks(client.get(url_in_language(taltech, "en")).content.decode())
    assert data["@type"] == "Organization"
    assert data["name"] == "Tallinn University of Technology"
    assert "https://ror.org/0443cwa12" in data["sameAs"]
    assert data["address"]["addressCountry"] == "EE"


@pytest.mark.django_db
def test_filters_by_type_and_country(client):
    PartnerFactory(name_en="Helsinki city", type=PartnerType.CITY, country="FI")
    PartnerFactory(name_en="Tallinn city", type=PartnerType.CITY, country="EE")
    PartnerFactory(name_en="Estonian university", type=PartnerType.UNIVERSITY, country="EE")
    html = client.get(list_url(), {"type": "city", "country": "EE"}).content.decode()
    assert "Tallinn city" in html
    assert "Helsinki city" not in html and "Estonian university" not in html
    html = client.get(list_url(), {"country": "EE"}).content.decode()
    assert "Tallinn city" in html and "Estonian university" in html
    assert '<label for="id_type">' in html and '<label for="id_country">' in html


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"page": "abc"}, {"page": "99999"}, {"type": "spaceship"}, {"country": "<b>"}])
def test_bad_input_gives_a_sensible_page(client, params):
    PartnerFactory()
    response = client.get(list_url(), params)
    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split('id="main"')[1]


@pytest.mark.django_db
def test_unknown_slug_and_drafts(staff_client):
    anonymous = Client()
    with translation.override("en"):
        assert anonymous.get(reverse("partners:detail", kwargs={"slug": "nobody"})).status_code == 404
    draft = PartnerFactory(name_en="Draft partner", state=PublishState.DRAFT, published_at=None)
    assert anonymous.get(url_in_language(draft, "en")).status_code == 404
    response = staff_client.get(url_in_language(draft, "en"))
    assert response.status_code == 200
    assert "Draft – not public" in response.content.decode()


@pytest.mark.django_db
def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _number in range(110):
        PartnerFactory()
    with django_assert_max_num_queries(8):
        response = client.get(list_url(), {"page": "3", "country": "FI"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_detail_query_count_does_not_grow(client, django_assert_max_num_queries):
    partner = PartnerFactory()
    for _number in range(105):
        ParticipationFactory(partner=partner)
        PilotFactory(host=partner)
        EventFactory(organisers=[partner])
        ContactPersonFactory(partner=partner)
    with django_assert_max_num_queries(16):
        response = client.get(url_in_language(partner, "en"))
    assert response.status_code == 200
