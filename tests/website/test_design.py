"""The public site's visual identity as far as HTML shows it: the home hero's key figures and their
sources, the EU emblem and funding statement in every language, a pictogram per focus area, uploaded
project images on pages and cards, key facts before the long text, and tables that keep every column
on a phone (each cell carries its column's name). The rendering itself is checked in
tests/browser/test_design_browser.py."""

import io
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from finest.core.templatetags.pictograms import PICTOGRAMS, pictogram_key
from medialibrary.services import renditions_generate
from pages.models import KeyFigure
from tests.factories import FocusAreaFactory, ImageFactory, KPIFactory, KPIValueFactory, ParticipationFactory, PilotFactory, ProjectFactory

LANGUAGES = ["fi", "sv", "en"]
STATIC = Path(settings.BASE_DIR) / "static"

FUNDING_STATEMENT = {
    "fi": "Tämä hanke on saanut rahoitusta Euroopan unionin Horisontti 2020 -tutkimus- ja innovaatio-ohjelmasta "
    "avustussopimuksen nro 856602 mukaisesti.",
    "sv": "Detta projekt har fått finansiering från Europeiska unionens forsknings- och innovationsprogram "
    "Horisont 2020 enligt bidragsavtal nr 856602.",
    "en": "This project has received funding from the European Union's Horizon 2020 research and innovation "
    "programme under grant agreement No 856602.",
}
HERO_VALUES = {
    "fi": ["6,3 M€", "32 M€", "1,67 M€"],
    "sv": ["6,3 M€", "32 M€", "1,67 M€"],
    "en": ["€6.3 million", "€32 million", "€1.67 million"],
}
SOURCE_WORD = {"fi": "Lähde:", "sv": "Källa:", "en": "Source:"}
# The demo's focus areas, named as editors name them.
FOCUS_AREA_NAMES = {
    "mobility": ("Liikkuminen", "Mobilitet", "Mobility"),
    "energy": ("Energia", "Energi", "Energy"),
    "built-environment": ("Rakennettu ympäristö", "Byggd miljö", "Built environment"),
    "governance": ("Hallinto", "Förvaltning", "Governance"),
    "urban-analytics": ("Kaupunkianalytiikka ja tiedonhallinta", "Stadsanalys och datahantering", "Urban analytics and data management"),
}


def get(client, name, language, **kwargs):
    with translation.override(language):
        path = reverse(name, kwargs=kwargs or None)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def png_upload(name="photo.png", size=(1200, 800)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (12, 42, 77)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def focus_areas():
    return {
        key: FocusAreaFactory(name_fi=fi, name_sv=sv, name_en=en, slug_fi="", slug_sv="", slug_en="")
        for key, (fi, sv, en) in FOCUS_AREA_NAMES.items()
    }


@pytest.mark.django_db
class TestHero:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_key_figures_with_their_sources(self, client, language):
        html = get(client, "website:home", language)
        hero = html[html.index('<section class="hero"'):html.index("</section>", html.index('<section class="hero"'))]
        assert 'id="home-title"' in hero
        for value in HERO_VALUES[language]:
            assert f'<p class="key-figure-value">{value}</p>' in hero
        figures = re.findall(r'<li class="key-figure">(.*?)</li>', hero, re.S)
        assert len(figures) == 4
        for figure in figures:
            assert SOURCE_WORD[language] in figure
        assert 'href="https://cordis.europa.eu/project/id/856602"' in hero

    def test_the_hero_is_outside_the_content_container(self, client):
        html = get(client, "website:home", "fi")
        assert html.index('<section class="hero"') < html.index('<div class="container">', html.index('<main id="main"'))

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_figure_is_translated_and_sourced(self, language):
        figures = list(KeyFigure.objects.order_by("position", "pk"))
        with translation.override(language):
            assert [figure.display_value for figure in figures[:3]] == HERO_VALUES[language]
        assert all(getattr(figure, f"label_{language}") and getattr(figure, f"source_{language}") for figure in figures)


@pytest.mark.django_db
class TestFooter:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_eu_emblem_and_funding_statement(self, client, language):
        html = get(client, "website:about", language)
        footer = html[html.index('<footer class="site-footer">'):]
        assert FUNDING_STATEMENT[language] in unescape(footer)
        emblem = re.search(r'<img class="eu-emblem" src="([^"]+)" alt="([^"]+)"', footer)
        assert emblem and emblem.group(1).endswith("eu-emblem.svg") and emblem.group(2)

    def test_the_emblem_has_twelve_gold_stars_on_blue(self):
        svg = (STATIC / "img" / "eu-emblem.svg").read_text()
        assert 'viewBox="0 0 810 540"' in svg  # 3:2
        assert 'fill="#039"' in svg and 'fill="#fc0"' in svg
        assert svg.count("z") == 12  # one closed path per star

    def test_the_newsletter_form_is_in_the_footer(self, client):
        html = get(client, "website:home", "fi")
        footer = html[html.index('<footer class="site-footer">'):]
        assert 'class="newsletter-form"' in footer and 'type="checkbox"' in footer


@pytest.mark.django_db
class TestPictograms:
    def test_each_focus_area_has_its_own_pictogram(self):
        areas = focus_areas()
        assert {key: pictogram_key(area) for key, area in areas.items()} == {key: key for key in areas}

    def test_an_unknown_area_gets_the_generic_mark(self):
        assert pictogram_key(FocusAreaFactory(name_fi="Muu", name_sv="Annat", name_en="Other")) == "focus-area"

    def test_the_sprite_has_a_symbol_for_each(self):
        sprite = (STATIC / "img" / "pictograms.svg").read_text()
        for key in (*PICTOGRAMS, "focus-area"):
            assert f'<symbol id="pictogram-{key}"' in sprite

    @pytest.mark.parametrize("page", ["website:home", "website:focus-area-list"])
    def test_focus_area_cards_show_their_pictogram(self, client, page):
        focus_areas()
        html = get(client, page, "sv")
        for key in PICTOGRAMS:
            pattern = (rf'<svg class="pictogram pictogram-{key}"[^>]*aria-hidden="true"[^>]*>'
                       rf'<use href="[^"]*pictograms[^"]*\.svg#pictogram-{key}">')
            assert re.search(pattern, html), key

    def test_pilot_cards_show_their_focus_area_pictogram(self, client):
        PilotFactory(focus_area=focus_areas()["governance"])
        html = get(client, "living_lab:pilot-list", "en")
        assert re.search(r'<p class="meta meta-focus-area"><svg class="pictogram pictogram-governance"', html)

    def test_focus_area_page_shows_its_pictogram(self, client):
        area = focus_areas()["energy"]
        html = client.get(area.get_absolute_url()).content.decode()
        assert 'data-pictogram="energy"' in html


@pytest.mark.django_db
class TestProjectImages:
    def test_uploaded_image_shown_on_the_project_page_and_card(self, client):
        picture = ImageFactory(alt_fi="Kaksi kaupunkia meren yli", alt_en="Two cities across the sea")
        picture.file.save("harbour.png", png_upload(), save=True)
        renditions_generate(image_id=picture.pk)
        project = ProjectFactory(image=picture)
        with translation.override("fi"):
            page = client.get(project.get_absolute_url()).content.decode()
        image = re.search(
            r'<figure class="detail-image detail-image-wide"><picture><source type="image/webp" srcset="([^"]+)"[^>]*>'
            r'<img alt="([^"]+)" src="([^"]+)"', page,
        )
        assert image, "the project page shows no image"
        assert image.group(1).startswith(settings.MEDIA_URL) and ".webp 1x" in image.group(1)
        assert image.group(2) == "Kaksi kaupunkia meren yli"
        assert default_storage.exists(image.group(3).removeprefix(settings.MEDIA_URL))

        listing = get(client, "projects:list", "fi")
        card = re.search(
            r'<li class="card project-card has-media">\s*<picture>.*?<img alt="[^"]*" class="card-media" src="([^"]+)"', listing
        )
        assert card and card.group(1).startswith(settings.MEDIA_URL)

    def test_a_project_without_an_image_has_no_empty_figure(self, client):
        project = ProjectFactory()
        page = client.get(project.get_absolute_url()).content.decode()
        assert "detail-image" not in page


@pytest.mark.django_db
class TestLayout:
    def test_key_facts_come_before_the_description(self, client):
        project = ProjectFactory(body_fi="<p>Pitkä kuvaus.</p>")
        page = client.get(project.get_absolute_url()).content.decode()
        assert page.index('id="project-facts"') < page.index('id="project-description"')
        assert 'class="detail-layout facts-first"' in page

    def test_consortium_cells_carry_their_column_names(self, client):
        participation = ParticipationFactory()
        with translation.override("fi"):
            page = client.get(participation.project.get_absolute_url()).content.decode()
        table = page[page.index('aria-labelledby="project-consortium"><table class="table-stack">'):]
        row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", table, re.S).group(1)
        assert re.findall(r'data-label="([^"]+)"', row) == ["Rooli", "Maa", "Budjettiosuus"]

    def test_kpi_cells_carry_their_column_names(self, client):
        value = KPIValueFactory(kpi=KPIFactory())
        page = client.get(value.kpi.pilot.get_absolute_url()).content.decode()
        row = re.search(r'<table class="kpi-table table-stack">.*?<tbody>\s*<tr>(.*?)</tr>', page, re.S).group(1)
        assert len(re.findall(r'<td[^>]* data-label="[^"]+"', row)) == 4


def test_the_type_is_self_hosted():
    css = (STATIC / "css" / "site.css").read_text()
    assert "http://" not in css and "https://" not in css
    for weight in (400, 600, 700):
        for subset in ("latin", "latin-ext"):
            name = f"source-sans-3-{subset}-{weight}-normal.woff2"
            assert (STATIC / "fonts" / name).is_file()
            assert f"../fonts/{name}" in css
    assert "SIL OPEN FONT LICENSE" in (STATIC / "fonts" / "OFL.txt").read_text().upper()


@pytest.mark.django_db
def test_the_weights_above_the_fold_are_preloaded(client):
    """400 for text, 600 for the menu, language links and buttons, 700 for headings: a weight that
    arrives late swaps and shifts the header (Lighthouse's layout-shift culprit). latin-ext is rare."""
    html = get(client, "website:home", "en")
    for weight in (400, 600, 700):
        preload = (rf'<link rel="preload" href="[^"]*source-sans-3-latin-{weight}-normal[^"]*\.woff2" as="font" '
                   r'type="font/woff2" crossorigin>')
        assert re.search(preload, html), weight
    assert "latin-ext" not in html
