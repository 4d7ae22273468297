"""One contract test per endpoint: the shape of list and detail responses, lookups
by id, public id and slug in every language, include=, and what stays private."""

from decimal import Decimal

import pytest

from finest.core.models import PublishState
from tests.factories import (
    ArticleFactory,
    BudgetFigureFactory,
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

COMMON = {"id", "public_id", "url", "web_url", "languages"}
TRANSLATED = {"fi", "sv", "en"}


def _list(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) >= {"count", "next", "previous", "results"}
    return body


def test_root_lists_every_resource_and_the_docs(anon):
    body = anon.get("/api/v1/").json()
    for name in ("projects", "participations", "partners", "events", "pilots", "open-calls", "news", "focus-areas", "cities"):
        assert body[name].endswith(f"/api/v1/{name}/")
        assert anon.get(body[name]).status_code == 200
    assert body["schema"].endswith("/api/v1/schema/")
    assert body["docs"].endswith("/api/v1/docs/")


def test_projects_contract_with_consortium_funding_and_work_packages(anon):
    focus = FocusAreaFactory()
    city = CityFactory()
    project = ProjectFactory(focus_areas=[focus], cities=[city], total_budget=Decimal("6300000"))
    participation = ParticipationFactory(project=project, role="coordinator", budget_share=Decimal("1670000"))
    FundingSourceFactory(project=project, amount=Decimal("15000000"))
    WorkPackageFactory(project=project, code="WP5", lead_partner=participation.partner)
    BudgetFigureFactory(project=project)

    item = _list(anon, "/api/v1/projects/")["results"][0]
    assert set(item) >= COMMON
    assert set(item["title"]) == TRANSLATED
    assert item["acronym"] == project.acronym
    assert item["status"] == "ongoing"
    assert item["total_budget"] == "6300000.00"
    assert item["focus_areas"] == [{"id": focus.pk, "url": f"http://testserver/api/v1/focus-areas/{focus.pk}/"}]
    assert item["cities"][0]["id"] == city.pk
    assert item["participations"][0]["role"] == "coordinator"
    assert item["participations"][0]["partner"]["id"] == participation.partner_id
    assert item["participations"][0]["budget_share"] == "1670000.00"
    assert item["funding_sources"][0]["amount"] == "15000000.00"
    assert item["work_packages"][0]["code"] == "WP5"
    assert item["work_packages"][0]["lead_partner"]["id"] == participation.partner_id
    assert len(item["budget_figures"]) == 1
    assert anon.get(item["url"]).json()["id"] == project.pk


def test_internal_budget_figures_are_never_public_but_staff_keys_see_them(anon, staff_api):
    project = ProjectFactory(budget_is_internal=True)
    ParticipationFactory(project=project, budget_is_internal=True)
    FundingSourceFactory(project=project, is_internal=True)
    WorkPackageFactory(project=project, budget_is_internal=True)
    BudgetFigureFactory(project=project, is_internal=True)

    public = anon.get(f"/api/v1/projects/{project.pk}/").json()
    assert public["total_budget"] is None
    assert public["participations"][0]["budget_share"] is None
    assert public["funding_sources"][0]["amount"] is None
    assert public["work_packages"][0]["budget"] is None
    assert public["budget_figures"] == []
    csv = anon.get("/api/v1/projects/", {"format": "csv"}).content.decode()
    assert "6300000" not in csv
    participations_csv = anon.get("/api/v1/participations/", {"format": "csv"}).content.decode()
    assert "100000" not in participations_csv

    staff = staff_api.get(f"/api/v1/projects/{project.pk}/").json()
    assert staff["total_budget"] == "6300000.00"
    assert staff["participations"][0]["budget_share"] == "100000.00"
    assert len(staff["budget_figures"]) == 1


def test_detail_by_id_public_id_and_slug_in_every_language(anon):
    project = ProjectFactory(title_fi="Älykäs kaupunki", title_sv="Smart stad", title_en="Smart city")
    for lookup in (project.pk, project.public_id, project.slug_fi, project.slug_sv, project.slug_en):
        response = anon.get(f"/api/v1/projects/{lookup}/")
        assert response.status_code == 200, lookup
        assert response.json()["id"] == project.pk
    assert anon.get("/api/v1/projects/no-such-slug/").status_code == 404
    assert anon.get("/api/v1/projects/999999/").status_code == 404


def test_an_old_slug_still_finds_the_object(anon):
    project = ProjectFactory(title_en="Old name")
    old = project.slug_en
    project.slug_en = "new-name"
    project.save()
    assert anon.get(f"/api/v1/projects/{old}/").json()["id"] == project.pk


def test_drafts_are_not_public(anon):
    draft = ProjectFactory(state=PublishState.DRAFT)
    ProjectFactory()
    assert _list(anon, "/api/v1/projects/")["count"] == 1
    assert anon.get(f"/api/v1/projects/{draft.pk}/").status_code == 404


def test_include_expands_named_relations_and_rejects_unknown_names(anon):
    partner = PartnerFactory(name_en="TalTech")
    project = ProjectFactory()
    ParticipationFactory(project=project, partner=partner)
    expanded = anon.get(f"/api/v1/projects/{project.pk}/", {"include": "partners"}).json()
    assert expanded["participations"][0]["partner"]["name"]["en"] == "TalTech"
    response = anon.get("/api/v1/projects/", {"include": "partners,secrets"})
    assert response.status_code == 400
    assert "include" in response.json()["errors"]


def test_unpublished_related_objects_stay_out(anon):
    draft_partner = PartnerFactory(state=PublishState.DRAFT)
    event = EventFactory(organisers=[draft_partner, PartnerFactory()])
    organisers = anon.get(f"/api/v1/events/{event.pk}/").json()["organisers"]
    assert draft_partner.pk not in [row["id"] for row in organisers]
    assert len(organisers) == 1


def test_partners_contract(anon):
    city = CityFactory()
    partner = PartnerFactory(city=city, pic="999999999")
    item = anon.get(f"/api/v1/partners/{partner.pk}/").json()
    assert set(item) >= COMMON
    assert set(item["name"]) == TRANSLATED
    assert item["city"]["id"] == city.pk
    assert item["pic"] == "999999999"
    assert anon.get(f"/api/v1/partners/{partner.pk}/", {"include": "city"}).json()["city"]["country"] == "FI"


def test_events_contract_with_sessions_and_speakers(anon):
    organiser = PartnerFactory()
    event = EventFactory(organisers=[organiser])
    session = SessionFactory(event=event)
    speaker = SpeakerFactory(partner=organiser)
    session.speakers.add(speaker)
    item = _list(anon, "/api/v1/events/")["results"][0]
    assert set(item) >= COMMON
    assert item["organisers"][0]["id"] == organiser.pk
    assert item["sessions"][0]["speakers"][0]["name"] == speaker.name
    assert set(item["sessions"][0]["title"]) == TRANSLATED
    assert anon.get(f"/api/v1/events/{event.slug_en}/").json()["id"] == event.pk


def test_pilots_contract_with_kpis_and_city_values(anon):
    tallinn = CityFactory(name_en="Tallinn")
    pilot = PilotFactory(cities=[tallinn])
    kpi = KPIFactory(pilot=pilot)
    KPIValueFactory(kpi=kpi, city=tallinn, achieved=Decimal("10"))
    item = anon.get(f"/api/v1/pilots/{pilot.pk}/").json()
    assert set(item) >= COMMON
    value = item["kpis"][0]["values"][0]
    assert value["city"]["id"] == tallinn.pk
    assert value["progress_percent"] == 50
    assert item["locations"][0]["city"] == tallinn.pk
    assert item["host"]["id"] == pilot.host_id


def test_open_calls_contract(anon):
    call = OpenCallFactory()
    item = anon.get(f"/api/v1/open-calls/{call.pk}/").json()
    assert set(item) >= COMMON
    assert item["state"] == "open"
    assert item["host"]["id"] == call.host_id


def test_news_contract(anon):
    event = EventFactory()
    article = ArticleFactory()
    article.related_events.add(event)
    item = anon.get(f"/api/v1/news/{article.pk}/").json()
    assert set(item) >= COMMON
    assert item["related_events"][0]["id"] == event.pk
    assert anon.get(f"/api/v1/news/{article.pk}/", {"include": "related_events"}).json()["related_events"][0]["title"]["fi"]


def test_focus_areas_and_cities_contract(anon):
    focus = FocusAreaFactory()
    city = CityFactory()
    assert anon.get(f"/api/v1/focus-areas/{focus.pk}/").json()["name"]["en"] == focus.name_en
    body = anon.get(f"/api/v1/cities/{city.pk}/").json()
    assert body["country"] == "FI" and body["latitude"] == "60.169857"


def test_participations_list(anon):
    participation = ParticipationFactory(role="coordinator")
    item = _list(anon, "/api/v1/participations/")["results"][0]
    assert item["project"] == participation.project_id
    assert item["role"] == "coordinator"
    assert item["project_acronym"] == participation.project.acronym


def test_page_size_is_capped_at_100(anon):
    CityFactory.create_batch(105)
    body = _list(anon, "/api/v1/cities/", page_size=500)
    assert len(body["results"]) == 100
    assert body["count"] == 105
    assert body["next"]


def test_cors_allows_get_from_any_origin(anon):
    response = anon.get("/api/v1/projects/", HTTP_ORIGIN="https://data.tallinn.ee")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("lookup", ["\u00b2", "\u0663", "99999999999999999999999"])
def test_lookups_that_look_like_numbers_but_are_not_ids_are_404(anon, lookup):
    assert anon.get(f"/api/v1/projects/{lookup}/").status_code == 404
    assert anon.get("/api/v1/projects/", {"funding_programme": lookup}).status_code == 200
