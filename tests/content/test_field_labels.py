"""Every field of the portal's own models has a label that the admin shows in Finnish, Swedish
and English (the admin's history, filters and forms use them): none is left to Django's default,
the field's name in English."""

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise

OWN_APPS = {
    "applications", "core", "events", "living_lab", "medialibrary", "news", "newsletter", "pages",
    "partners", "projects", "registrations", "searchindex", "website", "workflow",
}


def own_fields():
    for model in apps.get_models():
        if model._meta.app_label in OWN_APPS:
            for field in model._meta.concrete_fields:
                # modeltranslation's per-language copies label themselves from the original field.
                if not field.primary_key and not hasattr(field, "translated_field"):
                    yield model, field


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_field_label_is_marked_and_translated(language):
    untranslated = []
    for model, field in own_fields():
        label = field.verbose_name
        with translation.override(language):
            shown = str(label)
        with translation.override("en"):
            english = str(label)
        # A few labels are the same word in both languages (logo, EU PIC, versio/version...).
        missing = shown == english and translation.trans_real.translation(language)._catalog.get(english) is None
        if not isinstance(label, Promise) or missing:
            untranslated.append(f"{model._meta.label}.{field.name}")
    assert untranslated == []
