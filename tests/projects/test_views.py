"""Project list and detail pages: languages, filters, bad input, budgets (never the
internal figures), charts with text alternatives, drafts and query counts."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from finest.core.i18n import url_in_language
from finest.core.models import PublishState
from projects.charts import budget_rows, chart_description, composition_chart_svg, remainder_row
from projects.models import ParticipationRole, ProjectStatus
from tests.factories import (
    ArticleFactory,
    BudgetFigureFactory,
    CityFactory,
    EventFactory,
    ExternalLinkFactory,
    FocusAreaFactory,
    FundingProgrammeFactory,
    FundingSourceFactory,
    ParticipationFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
    ProjectThemeFactory,
    WorkPackageFactory,
)
from tests.website.test_views import LANGUAGES, assert_page_basics, json_ld_blocks


def list_url(language="en"):
    with translation.override(language):
        return reverse("projects:list")


@pytest.fixture
def finest_twins(db):
    """FinEst Twins as the press texts describe it: 6.3 M€, Forum Virium's share 1.67 M€."""
    project = ProjectFactory(
        acronym="FinEst Twins",
        title_fi="Älykkäiden kaupunkien huippuyksikkö", title_sv="Spetsenhet för smarta städer",
        title_en="Smart City Centre of Excellence",
        summary_en="A cross-border centre of excellence.",
        start_date=date(2019, 12, 1), end_date=date(2026, 11, 30), total_budget=Decimal("6300000"),
        budget_source_en="Forum Virium Helsinki",
    )
    fvh = PartnerFactory(name_fi="Forum Virium Helsinki", name_sv="Forum Virium Helsinki", name_en="Forum Virium Helsinki")
    taltech = PartnerFactory(name_en="Tallinn University of Technology", name_sv="", country="EE")
    ParticipationFactory(project=project, partner=taltech, role=ParticipationRole.COORDINATOR, budget_share=Decimal("3000000"))
    ParticipationFactory(project=project, partner=fvh, budget_share=Decimal("1670000"))
    FundingSourceFactory(project=project, funder_name_en="European Union, Horizon 2020", amount=Decimal("6000000"))
    FundingSourceFactory(project=project, funder_name_en="Secret co-funding", amount=Decimal("200000"), is_internal=True)
    BudgetFigureFactory(project=project, amount=Decimal("32000000"), scope_en="The whole centre of excellence",
                        source_name="Helsinki press release")
    BudgetFigureFactory(project=project, amount=Decimal("999999"), scope_en="Internal estimate", source_name="Board",
                        is_internal=True)
    WorkPackageFactory(project=project, code="WP5", title_en="Living Lab", lead_partner=fvh, budget=Decimal("400000"))
    ProjectThemeFactory(project=project, title_en="Smart mobility")
    ExternalLinkFactory(project=project, title_en="Aalto blog", url="https://blogs.aalto.fi/finest/")
    event = EventFactory(title_en="FinEst Twins conference")
    event.related_projects.add(project)
    article = ArticleFactory(title_en="Mayors meet")
    article.related_projects.add(project)
    PilotFactory(title_en="Smart parking", project=project)
    return project


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_list_and_detail_in_every_language(client, finest_twins, language):
    assert_page_basics(client.get(list_url(language)), language)
    html = assert_page_basics(client.get(url_in_language(finest_twins, language)), language)
    assert f'rel="canonical" href="http://127.0.0.1:8000{url_in_language(finest_twins, language)}"' in html
    for other in LANGUAGES:
        assert f'href="{url_in_language(finest_twins, other)}" lang="{other}" hreflang="{other}"' in html


@pytest.mark.django_db
def test_translated_paths():
    assert list_url("fi").startswith("/fi/")
    assert list_url("sv").startswith("/sv/")
    assert list_url("en") == "/en/projects/"


@pytest.mark.django_db
def test_detail_shows_consortium_budget_and_related_content(client, finest_twins):
    html = client.get(url_in_language(finest_twins, "en")).content.decode()
    assert "Smart City Centre of Excellence" in html
    assert "Coordinator" in html
    assert "€1.67\xa0million of €6.3\xa0million" in html
    assert "Project period" in html and "timeline-elapsed" in html
    assert "<svg" in html and "<title id=\"chart-sources-title\">" in html and "<desc id=\"chart-sources-desc\">" in html
    assert "European Union, Horizon 2020" in html
    assert "Budget by funding source</caption>" in html
    assert "Budget by partner</caption>" in html
    assert "€32,000,000" in html and "Helsinki press release" in html
    assert "WP5" in html and "Living Lab" in html
    assert "Smart mobility" in html and "Aalto blog" in html
    assert "FinEst Twins conference" in html and "Mayors meet" in html and "Smart parking" in html


@pytest.mark.django_db
def test_internal_figures_are_never_shown(client, finest_twins):
    html = client.get(url_in_language(finest_twins, "en")).content.decode()
    assert "Secret co-funding" not in html
    assert "Internal estimate" not in html
    # The internal figure (999,999) in any of its formats; a bare "999" may be a database id on PostgreSQL.
    assert not re.search(r"999[\s,.\u00a0\u202f]?999", html)
    finest_twins.budget_is_internal = True
    finest_twins.save()
    html = client.get(url_in_language(finest_twins, "en")).content.decode()
    assert "6.3\xa0million" not in html and "6,300,000" not in html and "<svg" not in html
    assert "32,000,000" not in html


@pytest.mark.django_db
def test_detail_json_ld_is_a_research_project(client, finest_twins):
    html = client.get(url_in_language(finest_twins, "en")).content.decode()
    [data] = json_ld_blocks(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ResearchProject"
    assert data["name"] == "Smart City Centre of Excellence"
    assert data["url"].endswith(url_in_language(finest_twins, "en"))
    assert {member["name"] for member in data["member"]} == {"Forum Virium Helsinki", "Tallinn University of Technology"}
    assert data["funder"] == [{"@type": "Organization", "name": "European Union, Horizon 2020"}]


@pytest.mark.django_db
def test_json_ld_cannot_break_out_of_its_script(client):
    project = ProjectFactory(title_en="</script><script>alert(1)</script>")
    html = client.get(url_in_language(project, "en")).content.decode()
    assert "</script><script>alert(1)" not in html


@pytest.mark.django_db
def test_missing_swedish_text_shows_a_note(client, finest_twins):
    finest_twins.summary_sv = ""
    finest_twins.save()
    html = client.get(url_in_language(finest_twins, "sv")).content.decode()
    assert "fallback-note" in html
    with translation.override("sv"):
        note = gettext("This content is not available in Swedish.")
    assert note != "This content is not available in Swedish."  # the note is in Swedish on a Swedish page
    assert note in html


@pytest.mark.django_db
def test_old_slug_redirects_permanently(client, finest_twins):
    old = url_in_language(finest_twins, "en")
    finest_twins.slug_en = "smart-city-coe"
    finest_twins.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == url_in_language(finest_twins, "en")


@pytest.mark.django_db
def test_slug_of_another_language_redirects_to_this_language(client, finest_twins):
    with translation.override("sv"):
        wrong = reverse("projects:detail", kwargs={"slug": finest_twins.slug_fi})
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == url_in_language(finest_twins, "sv")


@pytest.mark.django_db
def test_unknown_slug_is_404(client):
    with translation.override("en"):
        assert client.get(reverse("projects:detail", kwargs={"slug": "no-such-project"})).status_code == 404


@pytest.mark.django_db
def test_drafts_are_404_for_the_public_and_previewed_by_staff(staff_client):
    client = Client()
    draft = ProjectFactory(title_en="Draft project", state=PublishState.DRAFT, published_at=None)
    assert client.get(url_in_language(draft, "en")).status_code == 404
    response = staff_client.get(url_in_language(draft, "en"))
    assert response.status_code == 200
    assert "Draft – not public" in response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "Draft project" not in client.get(list_url()).content.decode()


@pytest.mark.django_db
class TestFilters:
    @pytest.fixture
    def data(self, db):
        mobility, energy = FocusAreaFactory(name_en="Mobility"), FocusAreaFactory(name_en="Energy")
        helsinki, tallinn = CityFactory(name_en="Helsinki"), CityFactory(name_en="Tallinn", country="EE")
        horizon, erdf = FundingProgrammeFactory(name_en="Horizon 2020"), FundingProgrammeFactory(name_en="ERDF")
        partner = PartnerFactory(name_en="Aalto University")
        a = ProjectFactory(title_en="Alpha mobility", focus_areas=[mobility], cities=[helsinki], funding_programme=horizon,
                           start_date=date(2020, 1, 1), end_date=date(2099, 1, 1))
        b = ProjectFactory(title_en="Beta energy", focus_areas=[energy], cities=[tallinn], funding_programme=erdf,
                           start_date=date(2015, 1, 1), end_date=date(2018, 1, 1))
        c = ProjectFactory(title_en="Gamma mobility", focus_areas=[mobility], cities=[tallinn], funding_programme=erdf,
                           start_date=date(2020, 1, 1), end_date=date(2099, 1, 1))
        ParticipationFactory(project=c, partner=partner)
        return locals()

    def titles(self, client, **params):
        html = client.get(list_url(), params).content.decode()
        return {title for title in ("Alpha mobility", "Beta energy", "Gamma mobility") if title in html}

    def test_each_filter(self, client, data):
        assert self.titles(client, area=data["mobility"].pk) == {"Alpha mobility", "Gamma mobility"}
        assert self.titles(client, status=ProjectStatus.COMPLETED) == {"Beta energy"}
        assert self.titles(client, city=data["tallinn"].pk) == {"Beta energy", "Gamma mobility"}
        assert self.titles(client, partner=data["partner"].pk) == {"Gamma mobility"}
        assert self.titles(client, programme=data["erdf"].pk) == {"Beta energy", "Gamma mobility"}
        assert self.titles(client, q="Alpha") == {"Alpha mobility"}

    def test_filters_combine(self, client, data):
        assert self.titles(client, area=data["mobility"].pk, city=data["tallinn"].pk, status="ongoing") == {"Gamma mobility"}
        assert self.titles(client, area=data["mobility"].pk, programme=data["horizon"].pk, q="mobility") == {"Alpha mobility"}

    def test_filter_fields_are_labelled(self, client, data):
        html = client.get(list_url()).content.decode()
        for field in ("q", "area", "status", "city", "partner", "programme"):
            assert f'<label for="id_{field}">' in html

    @pytest.mark.parametrize(
        "params",
        [{"page": "abc"}, {"page": "99999"}, {"page": "-1"}, {"area": "nonsense"}, {"status": "exploded"},
         {"city": "999999"}, {"partner": "x"}, {"programme": "1e9"}, {"q": "x" * 5000}],
    )
    def test_bad_input_gives_a_sensible_page(self, client, data, params):
        response = client.get(list_url(), params)
        assert response.status_code == 200

    def test_unknown_filter_value_is_ignored_and_said_so(self, client, data):
        html = client.get(list_url(), {"area": "nonsense", "city": data["tallinn"].pk}).content.decode()
        assert "were not recognised" in html
        assert "Gamma mobility" in html and "Alpha mobility" not in html

    def test_page_beyond_the_end_shows_the_last_page(self, client, data):
        html = client.get(list_url(), {"page": "99999"}).content.decode()
        assert "Alpha mobility" in html


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client):
    area = FocusAreaFactory()
    for number in range(30):
        ProjectFactory(title_en=f"Paged {number}", focus_areas=[area])
    html = client.get(list_url(), {"area": area.pk}).content.decode()
    assert f"?area={area.pk}&amp;page=2" in html
    assert 'rel="next"' in html


@pytest.mark.django_db
def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    areas = [FocusAreaFactory() for _ in range(3)]
    cities = [CityFactory() for _ in range(3)]
    for _number in range(110):
        project = ProjectFactory(focus_areas=areas, cities=cities)
        ParticipationFactory(project=project)
    with django_assert_max_num_queries(12):
        response = client.get(list_url(), {"area": areas[0].pk, "page": "2"})
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(list_url()).status_code == 200


@pytest.mark.django_db
def test_detail_query_count_does_not_grow(client, django_assert_max_num_queries):
    project = ProjectFactory(total_budget=Decimal("900000000"))
    for _number in range(105):
        ParticipationFactory(project=project, budget_share=Decimal("1000"))
        FundingSourceFactory(project=project, amount=Decimal("1000"))
        WorkPackageFactory(project=project, lead_partner=PartnerFactory())
        BudgetFigureFactory(project=project)
    for _number in range(30):
        EventFactory().related_projects.add(project)
        ArticleFactory().related_projects.add(project)
        PilotFactory(project=project)
    with django_assert_max_num_queries(30):
        response = client.get(url_in_language(project, "en"))
    assert response.status_code == 200


def test_budget_chart_divides_the_total_and_escapes_labels():
    with translation.override("en"):
        rows = budget_rows([("<b>EU</b>", Decimal("4725000")), ("Ministry", Decimal("1575000"))], Decimal("6300000"))
        assert [row.share_percent for row in rows] == [75.0, 25.0]
        svg = composition_chart_svg(rows=rows, total=Decimal("6300000"), title="Budget",
                                    description=chart_description(rows), chart_id="c")
        assert "€4,725,000 (75.0%)" in chart_description(rows)
    assert "<b>EU</b>" not in svg and "&lt;b&gt;EU&lt;/b&gt;" in svg
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    # One bar: the segments follow each other and together fill it.
    assert re.findall(r'<rect x="([\d.]+)%" y="\d+" width="([\d.]+)%"', svg) == [("0.00", "75.00"), ("75.00", "25.00")]
    assert composition_chart_svg(rows=[], total=None, title="x", description="", chart_id="e") == ""


def test_budget_chart_shows_what_the_rows_leave_out():
    with translation.override("en"):
        rows = budget_rows([("FVH", Decimal("1670000"))], Decimal("6300000"))
        rest = remainder_row(rows, Decimal("6300000"), "Other partners")
        svg = composition_chart_svg(rows=rows, total=Decimal("6300000"), title="By partner",
                                    description=chart_description([*rows, rest]), chart_id="p", remainder=rest)
    assert rest.amount == Decimal("4630000") and rest.share_percent == 73.5
    assert re.findall(r'<rect x="([\d.]+)%" y="\d+" width="([\d.]+)%"', svg) == [("0.00", "26.50"), ("26.50", "73.50")]
    assert "Other partners" in svg and "73.5%" in svg
    assert remainder_row(rows, Decimal("1670000"), "none") is None
