import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from finest.core.models import Country, PublishState
from living_lab.models import PilotPhase
from tests.factories import (
    CityFactory,
    FocusAreaFactory,
    KPIFactory,
    KPIValueFactory,
    OpenCallFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
)
from tests.helpers import LANGUAGES, assert_page_in_language, url, url_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def helsinki():
    return CityFactory(name_en="Helsinki", name_fi="Helsinki", name_sv="Helsingfors", country=Country.FINLAND)


@pytest.fixture
def tallinn():
    return CityFactory(name_en="Tallinn", name_fi="Tallinna", name_sv="Tallinn", country=Country.ESTONIA)


class TestPilotList:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_list_in_each_language(self, client, language):
        pilot = PilotFactory()
        html = assert_page_in_language(client.get(url("living_lab:pilot-list", language)), language)
        assert url_in(pilot, language) in html

    def test_cross_border_pilots_are_marked(self, client, helsinki, tallinn):
        PilotFactory(title_en="Twin cities pilot", cities=[helsinki, tallinn])
        PilotFactory(title_en="Local pilot", cities=[helsinki])
        html = client.get(url("living_lab:pilot-list")).content.decode()
        assert html.count("Cross-border: Finland–Estonia") == 1
        card = html.split("Twin cities pilot")[1].split("</li>\n</ul>")[0]
        assert "Cross-border: Finland–Estonia" in card

    def test_filters_combine(self, client, helsinki, tallinn):
        area = FocusAreaFactory(name_en="Mobility")
        match = PilotFactory(title_en="Matching pilot", phase=PilotPhase.PILOTING, cities=[helsinki, tallinn], focus_area=area)
        PilotFactory(title_en="Wrong phase", phase=PilotPhase.COMPLETED, cities=[helsinki], focus_area=area)
        PilotFactory(title_en="Wrong city", phase=PilotPhase.PILOTING, cities=[tallinn], focus_area=area)
        PilotFactory(title_en="Wrong area", phase=PilotPhase.PILOTING, cities=[helsinki])
        query = f"?phase=piloting&city={helsinki.pk}&focus_area={area.pk}"
        html = client.get(url("living_lab:pilot-list") + query).content.decode()
        assert match.title_en in html
        for other in ("Wrong phase", "Wrong city", "Wrong area"):
            assert other not in html
        assert f'<option value="{helsinki.pk}" selected>' in html
        html = client.get(url("living_lab:pilot-list") + "?cross_border=1").content.decode()
        assert match.title_en in html and "Wrong city" not in html

    def test_drafts_are_not_listed(self, client):
        PilotFactory(title_en="Secret pilot", state=PublishState.DRAFT)
        assert "Secret pilot" not in client.get(url("living_lab:pilot-list")).content.decode()

    @pytest.mark.parametrize(
        "query", ["?page=abc", "?page=99999", "?phase=nonsense", "?city=abc", "?city=999999", "?focus_area=-1", "?cross_border=yes"]
    )
    def test_nonsense_parameters_fall_back(self, client, query):
        PilotFactory.create_batch(2)
        assert client.get(url("living_lab:pilot-list") + query).status_code == 200

    def test_open_calls_are_announced(self, client):
        OpenCallFactory(title_en="Call for mobility pilots")
        OpenCallFactory(
            title_en="Long closed call", opens_at=timezone.now() - timedelta(days=90), deadline=timezone.now() - timedelta(days=30)
        )
        html = client.get(url("living_lab:pilot-list")).content.decode()
        assert "Call for mobility pilots" in html and "Long closed call" not in html

    def test_query_count_does_not_grow_with_rows(self, client, helsinki, tallinn, django_assert_max_num_queries):
        area = FocusAreaFactory()
        host = PartnerFactory()
        for _index in range(110):
            PilotFactory(host=host, focus_area=area, cities=[helsinki, tallinn])
        with django_assert_max_num_queries(9):
            response = client.get(url("living_lab:pilot-list") + f"?city={helsinki.pk}&cross_border=1&page=2")
        assert response.status_code == 200
        assert "Cross-border: Finland–Estonia" in response.content.decode()


class TestPilotDetail:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_detail_in_each_language(self, client, language):
        pilot = PilotFactory(title_fi="Pilotti", title_sv="Piloten", title_en="The pilot")
        html = assert_page_in_language(client.get(url_in(pilot, language)), language)
        assert {"fi": "Pilotti", "sv": "Piloten", "en": "The pilot"}[language] in html
        data = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
        assert data and data[0]["name"]

    def test_sections_people_places_and_links(self, client, helsinki, tallinn):
        host = PartnerFactory(name_en="Forum Virium Helsinki")
        participant = PartnerFactory(name_en="Mobility startup")
        project = ProjectFactory(title_en="FinEst Twins")
        call = OpenCallFactory(title_en="Mobility call")
        pilot = PilotFactory(
            host=host, cities=[helsinki, tallinn], project=project, open_call=call,
            challenge_en="Too many cars.", solution_en="Shared bikes.", results_en="Fewer cars.", lessons_learned_en="Start small.",
        )
        pilot.participants.add(participant)
        html = client.get(url_in(pilot, "en")).content.decode()
        for text in ("Too many cars.", "Shared bikes.", "Fewer cars.", "Start small.", "Helsinki", "Tallinn"):
            assert text in html
        for linked in (host, participant, project, call):
            assert url_in(linked, "en") in html
        assert "Cross-border: Finland–Estonia" in html

    def test_kpis_per_city_with_progress(self, client, helsinki, tallinn):
        pilot = PilotFactory(cities=[helsinki, tallinn])
        kpi = KPIFactory(pilot=pilot, name_en="CO2 reduction", unit_en="%")
        KPIValueFactory(kpi=kpi, city=helsinki, baseline=Decimal("0"), target=Decimal("20"), achieved=Decimal("15"))
        KPIValueFactory(kpi=kpi, city=tallinn, baseline=Decimal("0"), target=Decimal("20"), achieved=None)
        html = client.get(url_in(pilot, "en")).content.decode()
        assert "CO2 reduction (%)" in html
        helsinki_row = html.split('<th scope="row">Helsinki</th>')[1].split("</tr>")[0]
        assert "→ 20" in helsinki_row and "→ 15" in helsinki_row
        assert '<progress max="100" value="75"' in helsinki_row
        assert 'aria-label="CO2 reduction, Helsinki: progress towards the target"' in helsinki_row
        assert "75%" in helsinki_row
        tallinn_row = html.split('<th scope="row">Tallinn</th>')[1].split("</tr>")[0]
        assert "not measured yet" in tallinn_row and "<progress" not in tallinn_row

    def test_draft_participants_are_not_shown(self, client):
        draft = PartnerFactory(name_en="Stealth company", state=PublishState.DRAFT)
        pilot = PilotFactory()
        pilot.participants.add(draft, PartnerFactory(name_en="Public company"))
        html = client.get(url_in(pilot, "en")).content.decode()
        assert "Public company" in html
        assert "Stealth company" not in html and url_in(draft, "en") not in html

    def test_unknown_slug_is_404(self, client):
        assert client.get(url("living_lab:pilot-detail", "en", slug="nope")).status_code == 404

    def test_draft_is_404_for_visitors_and_previewable_for_staff(self, staff_client):
        client = Client()
        pilot = PilotFactory(state=PublishState.DRAFT, published_at=None)
        assert client.get(url_in(pilot, "en")).status_code == 404
        response = staff_client.get(url_in(pilot, "en"))
        assert response.status_code == 200 and "Draft – not public" in response.content.decode()

    def test_missing_translation_shows_a_note(self, client):
        pilot = PilotFactory(title_sv="", challenge_fi="Haaste vain suomeksi.", challenge_en="", challenge_sv="")
        html = client.get(url_in(pilot, "sv")).content.decode()
        assert "Haaste vain suomeksi." in html
        assert 'class="fallback-note"' in html

    def test_query_count_does_not_grow_with_kpis(self, client, django_assert_max_num_queries):
        cities = CityFactory.create_batch(4)
        pilot = PilotFactory(cities=cities)
        pilot.participants.set(PartnerFactory.create_batch(10))
        for _index in range(30):
            kpi = KPIFactory(pilot=pilot)
            for city in cities:
                KPIValueFactory(kpi=kpi, city=city)
        with django_assert_max_num_queries(10):
            response = client.get(url_in(pilot, "en"))
        assert response.status_code == 200


class TestOpenCalls:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_list_and_detail_in_each_language(self, client, language):
        call = OpenCallFactory()
        html = assert_page_in_language(client.get(url("living_lab:call-list", language)), language)
        assert url_in(call, language) in html
        assert_page_in_language(client.get(url_in(call, language)), language)

    def test_states_are_shown(self, client):
        now = timezone.now()
        OpenCallFactory(title_en="Open call A", deadline=now + timedelta(days=40))
        OpenCallFactory(title_en="Closing call B", deadline=now + timedelta(days=3))
        OpenCallFactory(title_en="Closed call C", opens_at=now - timedelta(days=60), deadline=now - timedelta(days=1))
        OpenCallFactory(title_en="Future call D", opens_at=now + timedelta(days=5), deadline=now + timedelta(days=50))
        html = client.get(url("living_lab:call-list")).content.decode()

        def card(title):
            return html.split(title)[1].split("</li>")[0]

        assert ">Open<" in card("Open call A")
        assert ">Closing soon<" in card("Closing call B")
        assert ">Closed<" in card("Closed call C")
        assert ">Opens soon<" in card("Future call D")
        closing = client.get(url("living_lab:call-list") + "?state=closing_soon").content.decode()
        assert "Closing call B" in closing and "Open call A" not in closing

    def test_deadline_is_in_helsinki_time_with_the_zone(self, client):
        # 12:00 UTC on 15 January is 14:00 in Helsinki (EET, UTC+2).
        deadline = datetime(timezone.now().year + 1, 1, 15, 12, 0, tzinfo=UTC)
        call = OpenCallFactory(deadline=deadline, opens_at=timezone.now() - timedelta(days=1))
        html = client.get(url_in(call, "fi")).content.decode()
        assert f'<time datetime="{deadline.year}-01-15T14:00:00+02:00">' in html
        assert f"15.1.{deadline.year} klo 14.00" in html  # the Finnish date-time format
        assert "EET" in html

    def test_apply_link_only_while_open(self, client):
        now = timezone.now()
        open_call = OpenCallFactory(application_url="https://apply.example.org/open")
        closed = OpenCallFactory(
            application_url="https://apply.example.org/closed", opens_at=now - timedelta(days=60), deadline=now - timedelta(days=1)
        )
        upcoming = OpenCallFactory(
            application_url="https://apply.example.org/soon", opens_at=now + timedelta(days=1), deadline=now + timedelta(days=30)
        )
        assert "https://apply.example.org/open" in client.get(url_in(open_call, "en")).content.decode()
        closed_html = client.get(url_in(closed, "en")).content.decode()
        assert "https://apply.example.org/closed" not in closed_html
        assert "This call has closed." in closed_html
        assert "https://apply.example.org/soon" not in client.get(url_in(upcoming, "en")).content.decode()

    def test_detail_facts(self, client):
        call = OpenCallFactory(
            eligibility_en="Companies in Finland and Estonia.", max_grant=Decimal("30000"), total_budget=Decimal("150000")
        )
        PilotFactory(title_en="Selected pilot", open_call=call)
        PilotFactory(title_en="Draft selected pilot", open_call=call, state=PublishState.DRAFT)
        html = client.get(url_in(call, "en")).content.decode()
        assert "Companies in Finland and Estonia." in html
        assert "€30,000" in html and "€150,000" in html
        assert "Selected pilot" in html and "Draft selected pilot" not in html

    @pytest.mark.parametrize("query", ["?page=abc", "?page=99999", "?state=nonsense"])
    def test_nonsense_parameters_fall_back(self, client, query):
        OpenCallFactory()
        assert client.get(url("living_lab:call-list") + query).status_code == 200

    def test_unknown_and_draft(self, staff_client):
        client = Client()
        assert client.get(url("living_lab:call-detail", "en", slug="nope")).status_code == 404
        call = OpenCallFactory(state=PublishState.DRAFT, published_at=None)
        assert client.get(url_in(call, "en")).status_code == 404
        assert staff_client.get(url_in(call, "en")).status_code == 200

    def test_query_counts(self, client, django_assert_max_num_queries):
        host = PartnerFactory()
        cities = CityFactory.create_batch(3)
        calls = OpenCallFactory.create_batch(105, host=host)
        for call in calls[:5]:
            call.cities.set(cities)
        for _index in range(105):
            PilotFactory(open_call=calls[0])
        with django_assert_max_num_queries(7):
            assert client.get(url("living_lab:call-list") + "?page=3").status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get(url_in(calls[0], "en")).status_code == 200
