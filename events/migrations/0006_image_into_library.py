from django.db import migrations

from medialibrary.migration_support import into_library, out_of_library

ARGS = {"app_label": "events", "model_name": "Event", "field": "image", "alt_field": "image_alt"}


def forwards(apps, schema_editor):
    into_library(apps, title_field="title", **ARGS)


def backwards(apps, schema_editor):
    out_of_library(apps, **ARGS)


class Migration(migrations.Migration):
    """Each stored image becomes a library image (the file stays where it is) with the row's alt texts."""

    dependencies = [
        ("events", "0005_event_image_library"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
