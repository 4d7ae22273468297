"""The data migration corrects stored site pages that still hold the old wording (issue 14)."""
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from pages.models import Page
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

MIGRATION = "0006_site_pages_wording_and_tense"
migration = importlib.import_module(f"pages.migrations.{MIGRATION}")


@pytest.fixture
def historical_apps():
    """The models as the migration sees them: plain columns, without modeltranslation's rewriting."""
    return MigrationExecutor(connection).loader.project_state([("pages", MIGRATION)]).apps


def test_old_wording_is_corrected_in_every_language(historical_apps):
    page = PageFactory(
        body_fi="<p>Sivusto täyttää osittain verkkosisällön saavutettavuusohjeiden (WCAG) 2.1 AA-tason vaatimukset. "
                "Viron talous- ja viestintäministeriö on jäsen.</p><p>Projekti kestää 1.12.2019–30.11.2026. Sitä "
                "rahoittavat Euroopan unionin Horisontti 2020 -ohjelma Teaming-instrumentin kautta sekä Viron opetus- "
                "ja tutkimusministeriö. Konsortioon kuuluvat projektia koordinoiva Tallinnan teknillinen yliopisto "
                "TalTech, Viron elinkeino- ja viestintäministeriö, Aalto-yliopisto ja Forum Virium Helsinki.</p>",
        body_en="<p class=\"lead\">FinEst Twins builds the FinEst Centre for Smart Cities in Tallinn: a cross-disciplinary "
                "Centre of Excellence that brings together the leading smart city actors of Estonia and forms close, "
                "long-term partnerships with their counterparts in Helsinki.</p>",
    )
    historical_apps.get_model("pages", "Page").objects.filter(pk=page.pk).update(body=page.body_fi)

    migration.correct_wording(historical_apps, None)

    page.refresh_from_db()
    assert "2.1 AA -tason" in page.body_fi
    assert "Viron elinkeino- ja viestintäministeriö on jäsen" in page.body_fi
    assert "talous-" not in page.body_fi
    assert "Projekti kesti 1.12.2019–30.11.2026. Sitä rahoittivat" in page.body_fi
    assert "kuuluivat projektia koordinoinut" in page.body_fi
    assert historical_apps.get_model("pages", "Page").objects.get(pk=page.pk).body == page.body_fi
    assert "FinEst Twins built the FinEst Centre" in page.body_en and "builds" not in page.body_en


def test_text_an_editor_has_changed_is_left_alone(historical_apps):
    page = PageFactory(body_fi="<p>Projekti kestää vielä hetken.</p>", body_en="<p>The project runs on.</p>")
    before = Page.objects.get(pk=page.pk).modified_at

    migration.correct_wording(historical_apps, None)

    page.refresh_from_db()
    assert page.body_fi == "<p>Projekti kestää vielä hetken.</p>"
    assert page.body_en == "<p>The project runs on.</p>"
    assert page.modified_at == before


def test_fresh_site_pages_already_have_the_new_wording(client):
    about = Page.objects.get(route="website:about")
    assert "Projekti kesti 1.12.2019–30.11.2026." in about.body_fi
    assert "Projektet pågick från den 1 december 2019" in about.body_sv
    assert "The project ran from 1 December 2019" in about.body_en
    with translation.override("en"):
        html = client.get(about.get_absolute_url()).content.decode()
    assert "The project ran from 1 December 2019" in html and "runs from 1 December 2019" not in html
