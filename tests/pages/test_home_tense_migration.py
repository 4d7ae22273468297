"""The data migration puts the stored home page in the tense of the project's dates (issue 14)."""
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pages.models import HomePage, KeyFigure

pytestmark = pytest.mark.django_db

MIGRATION = "0007_home_page_tense"
migration = importlib.import_module(f"pages.migrations.{MIGRATION}")


@pytest.fixture
def historical_apps():
    return MigrationExecutor(connection).loader.project_state([("pages", MIGRATION)]).apps


def test_the_old_present_tense_and_the_old_period_label_are_corrected(historical_apps):
    home = HomePage.objects.get()
    old = {f"{name}_{code}": texts[code] for name, texts in migration.OLD_HOME.items() for code in migration.LANGUAGES}
    # The historical model's plain columns: modeltranslation would send "intro" to the active language's column.
    historical_apps.get_model("pages", "HomePage").objects.filter(pk=home.pk).update(
        **old, intro=migration.OLD_HOME["intro"]["fi"])
    figure = KeyFigure.objects.get(label_en=migration.NEW_PERIOD_LABEL_EN)
    KeyFigure.objects.filter(pk=figure.pk).update(label_en=migration.OLD_PERIOD_LABEL_EN)

    migration.correct_home_page(historical_apps, None)

    home.refresh_from_db()
    for code in migration.LANGUAGES:
        assert getattr(home, f"intro_{code}") == migration.NEW_HOME["intro"][code]
        assert getattr(home, f"seo_description_{code}") == migration.NEW_HOME["seo_description"][code]
    assert home.intro_fi.startswith("FinEst Twins rakensi vuosina 2019–2026")
    assert historical_apps.get_model("pages", "HomePage").objects.get(pk=home.pk).intro == migration.NEW_HOME["intro"]["fi"]
    figure.refresh_from_db()
    assert figure.label_en == "seven years, 1 December 2019 – 30 November 2026"


def test_an_edited_intro_is_left_alone(historical_apps):
    home = HomePage.objects.get()
    HomePage.objects.filter(pk=home.pk).update(intro_en="An editor's own words.")

    migration.correct_home_page(historical_apps, None)

    home.refresh_from_db()
    assert home.intro_en == "An editor's own words."


def test_the_home_page_speaks_of_the_ended_project_in_the_past(client):
    html = client.get("/en/").content.decode()
    assert "FinEst Twins built a cross-border Smart City Centre" in html and "FinEst Twins builds" not in html
    assert "1 December 2019 – 30 November 2026" in html
