"""Site-wide pages: the root redirect, home, search, focus areas, the about pages,
404, sitemap.xml and robots.txt, in every language."""

import json
import re
from datetime import timedelta

import pytest
from django.template.loader import get_template
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from finest.core.i18n import url_in_language
from finest.core.models import PublishState
from tests.factories import (
    ArticleFactory,
    EventFactory,
    FocusAreaFactory,
    OpenCallFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
)

LANGUAGES = ["fi", "sv", "en"]


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def assert_page_basics(response, language):
    """<html lang>, hreflang alternates for every language and a canonical link."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    for code in LANGUAGES:
        assert f'hreflang="{code}"' in html
    assert 'rel="canonical"' in html
    assert '<main id="main"' in html
    assert 'class="skip-link" href="#main"' in html
    return html


def json_ld_blocks(html):
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.mark.django_db
class TestRootRedirect:
    def test_accept_language_swedish(self, client):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9,en;q=0.5")
        assert response.status_code == 302
        assert response["Location"] == "/sv/"
        assert "Accept-Language" in response["Vary"]

    def test_accept_language_english(self, client):
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")["Location"] == "/en/"

    def test_unknown_language_goes_to_finnish(self, client):
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")["Location"] == "/fi/"
        assert client.get("/")["Location"] == "/fi/"


@pytest.fixture
def content(db):
    area = FocusAreaFactory(name_fi="Älykäs liikkuminen", name_sv="Smart mobilitet", name_en="Smart mobility")
    partner = PartnerFactory(name_fi="Forum Virium Helsinki", name_sv="Forum Virium Helsinki", name_en="Forum Virium Helsinki")
    project = ProjectFactory(
        title_fi="Kaksoiskaupunkien huippuyksikkö", title_sv="Tvillingstädernas spetsenhet",
        title_en="Twin cities centre of excellence", focus_areas=[area],
        start_date=timezone.localdate() - timedelta(days=100), end_date=timezone.localdate() + timedelta(days=500),
    )
    event = EventFactory(title_en="Twin cities conference")
    event.related_projects.add(project)
    pilot = PilotFactory(title_en="Smart parking pilot", focus_area=area, host=partner, project=project)
    article = ArticleFactory(title_en="Mayors meet in Tallinn", title_sv="Borgmästarna träffas")
    article.focus_areas.add(area)
    call = OpenCallFactory(title_en="Open call for mobility pilots", host=partner)
    return {"area": area, "partner": partner, "project": project, "event": event, "pilot": pilot, "article": article, "call": call}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
class TestPagesInEveryLanguage:
    def test_home(self, client, content, language):
        html = assert_page_basics(client.get(url("website:home", language)), language)
        assert content["project"].title_fi in html or content["project"].title_sv in html or content["project"].title_en in html
        assert "Smart parking pilot" in html or "Pilotti" in html or "Pilot" in html
        assert 'aria-label' in html and 'role="search"' in html

    def test_about_pages(self, client, language):
        for name in ("website:about", "website:contact", "website:privacy", "website:accessibility"):
            assert_page_basics(client.get(url(name, language)), language)

    def test_focus_areas(self, client, content, language):
        assert_page_basics(client.get(url("website:focus-area-list", language)), language)
        html = assert_page_basics(client.get(_in_language(content["area"], language)), language)
        assert content["project"].acronym in html

    def test_search(self, client, content, language):
        assert_page_basics(client.get(url("website:search", language), {"q": "Twin"}), language)

    def test_404_page(self, client, language):
        response = client.get(f"/{language}/no-such-page-at-all/")
        assert response.status_code == 404
        assert f'<html lang="{language}">' in response.content.decode()


def _in_language(obj, language):
    return url_in_language(obj, language)


@pytest.mark.django_db
def test_focus_area_switches_language_to_the_same_area(client, content):
    html = client.get(_in_language(content["area"], "fi")).content.decode()
    sv_url = _in_language(content["area"], "sv")
    assert sv_url.startswith("/sv/")
    assert f'href="{sv_url}" lang="sv" hreflang="sv"' in html
    assert client.get(sv_url).status_code == 200


@pytest.mark.django_db
def test_focus_area_unknown_slug_is_404(client):
    assert client.get(url("website:focus-area-detail", "en", slug="nope")).status_code == 404


@pytest.mark.django_db
def test_search_finds_each_type_in_english(client, content):
    html = client.get(url("website:search", "en"), {"q": "Twin"}).content.decode()
    # The title is shown with the matched word marked.
    assert "<mark>Twin</mark> cities centre of excellence" in html
    assert "<mark>Twin</mark> cities conference" in html
    html = client.get(url("website:search", "en"), {"q": "Forum Virium"}).content.decode()
    assert 'id="results-partners"' in html
    html = client.get(url("website:search", "en"), {"q": "parking"}).content.decode()
    assert 'id="results-pilots"' in html
    html = client.get(url("website:search", "en"), {"q": "Mayors"}).content.decode()
    assert 'id="results-news"' in html


@pytest.mark.django_db
def test_search_escapes_input(client, content):
    payload = '<script>alert("x")</script>'
    html = client.get(url("website:search", "en"), {"q": payload}).content.decode()
    assert payload not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_search_never_shows_drafts(client, content):
    ProjectFactory(title_en="Secret twin draft", state=PublishState.DRAFT, published_at=None)
    html = client.get(url("website:search", "en"), {"q": "Secret"}).content.decode()
    assert "Secret twin draft" not in html


@pytest.mark.django_db
def test_search_query_count_does_not_grow(client, django_assert_max_num_queries):
    area = FocusAreaFactory()
    for number in range(30):
        ProjectFactory(title_en=f"Mobility project {number}", focus_areas=[area])
        EventFactory(title_en=f"Mobility event {number}")
        ArticleFactory(title_en=f"Mobility news {number}")
        PilotFactory(title_en=f"Mobility pilot {number}")
        PartnerFactory(name_en=f"Mobility partner {number}")
    with django_assert_max_num_queries(20):
        response = client.get(url("website:search", "en"), {"q": "Mobility"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_home_query_count_does_not_grow(client, django_assert_max_num_queries):
    areas = [FocusAreaFactory() for _ in range(5)]
    for _number in range(110):
        ProjectFactory(focus_areas=areas[:2], start_date=timezone.localdate() - timedelta(days=3))
    for _number in range(20):
        EventFactory()
        ArticleFactory()
        PilotFactory()
        OpenCallFactory()
    # +1: the page cache reads the versions of what the page shows; +1: the menu and footer (page tree).
    # +1: the featured Centre of Excellence; +3: the home page's texts, key figures and featured items (pages).
    with django_assert_max_num_queries(22):
        response = client.get(url("website:home", "en"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_focus_area_query_count_does_not_grow(client, django_assert_max_num_queries):
    area = FocusAreaFactory()
    for _number in range(105):
        ProjectFactory(focus_areas=[area])
    for _number in range(20):
        PilotFactory(focus_area=area)
        ArticleFactory().focus_areas.add(area)
    with django_assert_max_num_queries(14):
        response = client.get(_in_language(area, "en"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_fallback_note_when_text_is_missing(client):
    area = FocusAreaFactory(name_sv="", description_sv="")
    html = client.get(_in_language(area, "sv")).content.decode()
    assert 'class="fallback-note"' in html
    assert 'lang="fi"' in html


@pytest.mark.django_db
def test_language_switcher_keeps_the_list_query(client):
    html = client.get(url("website:search", "fi"), {"q": "kaupunki"}).content.decode()
    assert 'href="' + url("website:search", "sv") + '?q=kaupunki"' in html


@pytest.mark.django_db
def test_sitemap_has_every_public_page_in_every_language(client, content):
    draft = ProjectFactory(title_en="Hidden draft", state=PublishState.DRAFT, published_at=None)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for language in LANGUAGES:
        assert f"http://testserver{_in_language(content['project'], language)}</loc>" in xml
        assert f"http://testserver{url('website:home', language)}</loc>" in xml
        assert f"http://testserver{_in_language(content['article'], language)}</loc>" in xml
    assert 'hreflang="sv"' in xml
    assert "<lastmod>" in xml
    assert _in_language(draft, "en") not in xml


@pytest.mark.django_db
def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /api/" in body


@override_settings(DEBUG=False)
def test_500_page_renders_without_database_or_context_processors():
    with translation.override("sv"):
        html = get_template("500.html").render({})
    assert '<html lang="sv">' in html
    assert "<h1>" in html


@pytest.mark.django_db
def test_staff_preview_banner_is_not_shown_on_public_pages(client, content):
    html = client.get(_in_language(content["area"], "en")).content.decode()
    assert "draft-banner" not in html


@pytest.mark.django_db
def test_every_page_has_a_visible_skip_link_and_landmarks(client):
    html = client.get(url("website:home", "fi")).content.decode()
    assert html.index('class="skip-link"') < html.index("<header")
    assert "<footer" in html and "<nav" in html and "<main" in html


@pytest.mark.django_db
def test_language_switcher_on_a_404_leads_to_the_front_page_of_each_language(client):
    html = client.get("/en/no-such-page/").content.decode()
    assert f'href="{url("website:home", "sv")}" lang="sv" hreflang="sv"' in html
    assert f'href="{url("website:home", "fi")}" lang="fi" hreflang="fi"' in html


@pytest.mark.django_db
def test_sitemap_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _number in range(105):
        ProjectFactory()
    PartnerFactory()
    with django_assert_max_num_queries(12):
        response = client.get("/sitemap.xml")
    assert response.content.decode().count("<url>") >= 3 * 105
