"""The editable home page: its texts and key figures carried over by the data migration in
fi/sv/en, edits that show at once (the page cache keys on the change log), featured items that
list only public targets, and a query count that does not grow with the rows."""

import json
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from finest.core import fragments, pagecache
from finest.core.permissions import Actor
from finest.core.revisions import versions_of
from pages.home_content import create_home_page
from pages.models import FeaturedItem, HomePage, KeyFigure
from pages.services import home_page_rows_save, home_page_update
from tests.factories import (
    ArticleFactory,
    EventFactory,
    FeaturedItemFactory,
    KeyFigureFactory,
    PageFactory,
    PilotFactory,
    ProjectFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("fi", "sv", "en")
HEADINGS = {
    "fi": "FinEst Twins – älykaupunkien huippuyksikkö",
    "sv": "FinEst Twins – spetsenhet för smarta städer",
    "en": "FinEst Twins – Smart City Centre of Excellence",
}
VALUES = {
    "fi": ["6,3 M€", "32 M€", "1,67 M€", "2019–2026"],
    "sv": ["6,3 M€", "32 M€", "1,67 M€", "2019–2026"],
    "en": ["€6.3 million", "€32 million", "€1.67 million", "2019–2026"],
}


def home_html(client, language="en"):
    with translation.override(language):
        response = client.get(reverse("website:home"))
    assert response.status_code == 200
    return response, response.content.decode()


def home():
    return HomePage.objects.get()


def staff():
    return Actor.from_user(StaffUserFactory())


class TestMigratedContent:
    def test_texts_and_key_figures_in_three_languages(self):
        HomePage.objects.all().delete()
        create_home_page(apps)
        page = home()
        assert page.is_public
        for code in LANGUAGES:
            assert getattr(page, f"title_{code}") == HEADINGS[code]
            assert getattr(page, f"intro_{code}").startswith("FinEst Twins")
            assert getattr(page, f"seo_description_{code}")
        figures = list(page.key_figures.order_by("position"))
        assert [figure.value for figure in figures] == [Decimal("6.3"), Decimal("32"), Decimal("1.67"), None]
        for code in LANGUAGES:
            with translation.override(code):
                assert [figure.display_value for figure in figures] == VALUES[code]
            assert all(getattr(figure, f"label_{code}") and getattr(figure, f"source_{code}") for figure in figures)
        assert figures[-1].source_url == "https://cordis.europa.eu/project/id/856602"

    def test_running_it_again_adds_nothing(self):
        create_home_page(apps)
        create_home_page(apps)
        assert HomePage.objects.count() == 1
        assert KeyFigure.objects.count() == 4

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_home_page_looks_as_before(self, client, language):
        _response, html = home_html(client, language)
        assert f'<h1 id="home-title">{HEADINGS[language]}</h1>' in html
        for value in VALUES[language]:
            assert f'<p class="key-figure-value">{value}</p>' in html
        assert getattr(home(), f"seo_description_{language}") in html.split("</head>")[0]


class TestEditing:
    def test_a_changed_key_figure_shows_at_once(self, client):
        response, _html = home_html(client)
        assert response["X-Page-Cache"] == "miss"
        assert home_html(client)[0]["X-Page-Cache"] == "hit"
        figure = home().key_figures.order_by("position").first()
        figure.value = Decimal("7.25")
        figure.label_en = "a corrected total budget"
        home_page_rows_save(home_page=home(), saved=[figure], actor=staff())
        response, html = home_html(client)
        assert response["X-Page-Cache"] == "miss"
        assert '<p class="key-figure-value">€7.25 million</p>' in html
        assert "a corrected total budget" in html

    def test_a_removed_key_figure_is_gone(self, client):
        home_html(client)
        figure = home().key_figures.order_by("position").last()
        home_page_rows_save(home_page=home(), deleted=[figure], actor=staff())
        assert "2019–2026" not in home_html(client)[1]

    def test_a_changed_intro_shows_at_once(self, client):
        home_html(client)
        page = home()
        page.intro_sv = "En ny ingress om spetsenheten."
        home_page_update(home_page=page, actor=staff())
        assert "En ny ingress om spetsenheten." in home_html(client, "sv")[1]

    def test_the_edits_are_revisions_that_keep_the_key_figures(self):
        page = home()
        page.title_en = "A new heading"
        home_page_update(home_page=page, actor=staff())
        version = versions_of(page).first()
        stored = {v.content_type.model for v in version.revision.version_set.all()}
        assert stored == {"homepage", "keyfigure"}

    def test_an_editor_who_may_not_publish_cannot_change_the_live_page(self):
        editor = UserFactory(is_staff=True)
        page = home()
        page.title_en = "Unreviewed"
        with pytest.raises(PermissionDenied):
            home_page_update(home_page=page, actor=Actor.from_user(editor))

    def test_a_figure_needs_a_number_or_a_text(self):
        figure = KeyFigure(home_page=home(), label_fi="Luku", label_en="Figure")
        with pytest.raises(ValidationError):
            figure.full_clean()
        figure.text_value_fi = "2019–2026"
        figure.full_clean()

    def test_a_figure_without_a_unit_in_one_language_takes_the_fallback_pair(self):
        figure = KeyFigureFactory(value=Decimal("1000"), prefix_en="€", unit_en="", unit_fi="€", unit_sv="")
        with translation.override("en"):
            assert figure.display_value == "€1000"
        with translation.override("sv"):
            assert figure.display_value == "1000 €"


class TestAdmin:
    def test_the_list_has_the_one_home_page_and_no_add_button(self, staff_client):
        html = staff_client.get(reverse("admin:pages_homepage_changelist")).content.decode()
        assert reverse("admin:pages_homepage_change", args=[home().pk]) in html
        assert reverse("admin:pages_homepage_add") not in html

    def test_the_form_has_the_key_figures_and_featured_items_in_three_languages(self, staff_client):
        html = staff_client.get(reverse("admin:pages_homepage_change", args=[home().pk])).content.decode()
        for code in LANGUAGES:
            assert f'name="title_{code}"' in html
            assert f'name="key_figures-0-label_{code}"' in html
        assert 'name="featured_items-TOTAL_FORMS"' in html

    def test_no_second_home_page_and_no_delete(self, staff_client):
        assert staff_client.get(reverse("admin:pages_homepage_add")).status_code == 403
        assert staff_client.post(reverse("admin:pages_homepage_delete", args=[home().pk]), {"post": "yes"}).status_code == 403
        assert HomePage.objects.count() == 1


class TestFeaturedItems:
    def test_targets_in_order_with_titles_and_links(self, client):
        project = ProjectFactory(title_en="Twin digital city")
        page = PageFactory(title_en="Our story")
        FeaturedItemFactory(project=project, position=2)
        FeaturedItemFactory(project=None, page=page, position=1, title_en="Read our story")
        FeaturedItemFactory(project=None, url="https://example.org/report", title_en="The final report", position=3)
        html = home_html(client)[1]
        section = html[html.index('id="home-featured"'):html.index("</section>", html.index('id="home-featured"'))]
        assert section.index("Read our story") < section.index("Twin digital city") < section.index("The final report")
        assert f'href="{project.get_absolute_url()}"' in section
        assert 'href="https://example.org/report"' in section
        assert "Our story" not in section  # the override replaces the page's title

    def test_each_kind_of_target(self, client):
        for target in (EventFactory(title_en="Featured event"), ArticleFactory(title_en="Featured news"),
                       PilotFactory(title_en="Featured pilot")):
            FeaturedItemFactory(project=None, **{target._meta.model_name: target})
        html = home_html(client)[1]
        assert "Featured event" in html and "Featured news" in html and "Featured pilot" in html

    def test_a_draft_target_is_not_shown(self, client):
        FeaturedItemFactory(project=ProjectFactory(title_en="Secret project", state="draft"))
        html = home_html(client)[1]
        assert "Secret project" not in html
        assert 'id="home-featured"' not in html

    def test_unpublishing_a_target_removes_it_from_the_cached_home_page(self, client):
        project = ProjectFactory(title_en="Soon hidden")
        FeaturedItemFactory(project=project)
        assert "Soon hidden" in home_html(client)[1]
        project.state = "draft"
        project.save()
        assert "Soon hidden" not in home_html(client)[1]

    @pytest.mark.parametrize(
        "values",
        [{}, {"url": "https://example.org/", "title_en": "Both"}, {"project": None, "url": "https://example.org/"}],
        ids=["nothing", "two-targets", "address-without-title"],
    )
    def test_exactly_one_target(self, values):
        project = ProjectFactory()
        data = {"project": project, **values} if values else {}
        item = FeaturedItem(home_page=home(), **data)
        with pytest.raises(ValidationError):
            item.full_clean()


def _forget_cached_pages():
    cache.clear()
    pagecache.clear()
    fragments.clear()  # the map too, so that both counts include its queries


def _home_queries(client) -> int:
    _forget_cached_pages()
    with CaptureQueriesContext(connection) as queries:
        home_html(client)
    return len(queries)


def test_the_home_page_query_count_does_not_grow_with_its_rows(client, django_assert_max_num_queries):
    # Every section of the home page has a row from the start, so the other lists' prefetches run in both counts.
    FeaturedItemFactory(project=ProjectFactory())
    FeaturedItemFactory(project=None, event=EventFactory())
    ArticleFactory()
    PilotFactory()
    KeyFigureFactory()
    home_html(client)
    few = _home_queries(client)
    for _ in range(8):
        KeyFigureFactory()
        FeaturedItemFactory(project=ProjectFactory())
        FeaturedItemFactory(project=None, page=PageFactory())
        FeaturedItemFactory(project=None, event=EventFactory())
    many = _home_queries(client)
    assert many == few
    _forget_cached_pages()
    with django_assert_max_num_queries(few):
        home_html(client)


class TestPageJsonLd:
    def _structured(self, html):
        match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert match
        return json.loads(match.group(1))

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_a_page_is_a_web_page_in_its_language(self, client, language):
        page = PageFactory(seo_description_fi="Kuvaus.", seo_description_sv="Beskrivning.", seo_description_en="Description.")
        with translation.override(language):
            url = page.get_absolute_url()
            data = self._structured(client.get(url).content.decode())
        assert data["@type"] == "WebPage"
        assert data["name"] == getattr(page, f"title_{language}")
        assert data["description"] == getattr(page, f"seo_description_{language}")
        assert data["url"].endswith(url)
        assert data["inLanguage"] == language
        assert data["isPartOf"]["@type"] == "WebSite"

    def test_a_child_page_has_its_breadcrumb(self, client):
        parent = PageFactory(title_en="Research")
        child = PageFactory(parent=parent, title_en="Labs")
        data = self._structured(client.get(child.get_absolute_url()).content.decode())
        names = [item["name"] for item in data["breadcrumb"]["itemListElement"]]
        assert names == ["Research", "Labs"]

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_home_page_is_a_web_page(self, client, language):
        data = self._structured(home_html(client, language)[1])
        assert data["@type"] == "WebPage"
        assert data["name"] == HEADINGS[language]
        assert data["url"].endswith(f"/{language}/")
        assert data["inLanguage"] == language

    def test_about_is_an_about_page(self, client):
        data = self._structured(client.get(reverse("website:about")).content.decode())
        assert data["@type"] == "AboutPage"


class TestLinkOnlyPages:
    def _section(self):
        section = PageFactory(title_en="Programmes", body_fi="", body_sv="", body_en="")
        child = PageFactory(parent=section, title_en="Doctoral school")
        return section, child

    def test_not_in_the_sitemap(self, client):
        section, child = self._section()
        xml = client.get("/sitemap.xml").content.decode()
        assert f"{child.get_absolute_url()}</loc>" in xml
        assert f"{section.get_absolute_url()}</loc>" not in xml  # the child's address starts with it

    def test_noindex_and_a_list_of_its_children(self, client):
        section, child = self._section()
        html = client.get(section.get_absolute_url()).content.decode()
        assert '<meta name="robots" content="noindex, follow">' in html
        assert f'<a href="{child.get_absolute_url()}">Doctoral school</a>' in html
        assert 'class="page-body"' not in html

    def test_a_page_with_a_body_in_any_language_is_indexed(self, client):
        page = PageFactory(body_fi="", body_en="", body_sv="<p>Bara på svenska.</p>")
        assert not page.is_link_only
        html = client.get(page.get_absolute_url()).content.decode()
        assert 'name="robots"' not in html
        assert f"{page.get_absolute_url()}</loc>" in client.get("/sitemap.xml").content.decode()


def test_a_draft_of_the_home_page_waits_for_review_and_shows_in_its_preview(client):
    from django.contrib.auth.models import Group  # noqa: PLC0415

    from workflow.preview import preview_url  # noqa: PLC0415
    from workflow.services import draft_publish, draft_save  # noqa: PLC0415

    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    page = home()
    page.title_en = "A heading under review"
    draft = draft_save(obj=page, actor=Actor.from_user(editor), submit=True)
    assert "A heading under review" not in home_html(client)[1]
    preview = client.get(preview_url(home(), "en"))
    assert preview.status_code == 200
    assert "A heading under review" in preview.content.decode()
    draft_publish(draft=draft, actor=staff())
    assert "A heading under review" in home_html(client)[1]


def _form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if callable(value):
            value = value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
            continue
        if hasattr(value, "pk"):
            value = value.pk
        data[form.add_prefix(name)] = value
    return data


def test_a_key_figure_edited_in_the_admin_shows_on_the_home_page(staff_client, client):
    assert "€6.3 million" in home_html(client)[1]
    url = reverse("admin:pages_homepage_change", args=[home().pk])
    response = staff_client.get(url)
    html = response.content.decode()
    for name in ("prefix", "unit", "text_value", "source"):
        assert f'name="key_figures-0-{name}_sv"' in html
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        for form in formset.initial_forms:
            data.update(_form_data(form))
    data["key_figures-0-value"] = "6.4"
    data["key_figures-0-label_en"] = "total budget, as corrected"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    html = home_html(client)[1]
    assert "€6.4 million" in html and "total budget, as corrected" in html
    assert "€6.3 million" not in html
