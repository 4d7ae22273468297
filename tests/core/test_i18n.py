import pytest
from django.utils import translation

from finest.core.i18n import available_languages, missing_translations, translated
from finest.core.models import SlugHistory
from tests.factories import ProjectFactory


@pytest.mark.django_db
class TestTranslatedFallbacks:
    def test_value_in_requested_language(self):
        project = ProjectFactory(title_fi="Hanke", title_sv="Projekt", title_en="Project")
        result = translated(project, "title", "sv")
        assert result.value == "Projekt"
        assert not result.fell_back

    def test_swedish_falls_back_to_finnish_then_english(self):
        project = ProjectFactory(title_fi="Hanke", title_sv="", title_en="Project")
        result = translated(project, "title", "sv")
        assert (result.value, result.language, result.fell_back) == ("Hanke", "fi", True)
        project.title_fi = ""
        assert translated(project, "title", "sv").value == "Project"

    def test_finnish_falls_back_to_english(self):
        project = ProjectFactory(title_fi="Hanke", title_sv="Projekt", title_en="Project")
        project.title_fi = ""
        assert translated(project, "title", "fi").language == "en"

    def test_modeltranslation_attribute_uses_the_same_chain(self):
        project = ProjectFactory(title_fi="Hanke", title_sv="", title_en="Project")
        with translation.override("sv"):
            assert project.title == "Hanke"

    def test_available_and_missing_languages(self):
        project = ProjectFactory(title_fi="Hanke", title_sv="", title_en="Project")
        assert available_languages(project) == ["fi", "en"]
        assert "title" in missing_translations(project)["sv"]

    def test_empty_everywhere_is_reported_as_no_language(self):
        project = ProjectFactory(summary_fi="", summary_en="")
        assert translated(project, "summary", "en").language is None


@pytest.mark.django_db
def test_slugs_are_filled_per_language_and_unique():
    first = ProjectFactory(title_fi="Älykäs kaupunki", title_sv="Smart stad", title_en="Smart city")
    second = ProjectFactory(title_fi="Älykäs kaupunki", title_sv="", title_en="Smart city")
    assert first.slug_fi == "alykas-kaupunki"
    assert first.slug_sv == "smart-stad"
    assert second.slug_fi == "alykas-kaupunki-2"
    assert second.slug_sv is None


@pytest.mark.django_db
def test_changed_slug_is_remembered():
    project = ProjectFactory(title_en="Old name")
    project.slug_en = "new-name"
    project.save()
    assert SlugHistory.objects.filter(language="en", slug="old-name", object_id=project.pk).exists()
