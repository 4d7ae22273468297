from django.db import migrations

from medialibrary.migration_support import into_library, out_of_library

ARGS = {"app_label": "partners", "model_name": "Partner", "field": "logo", "alt_field": "logo_alt"}


def forwards(apps, schema_editor):
    into_library(apps, title_field="name", **ARGS)


def backwards(apps, schema_editor):
    out_of_library(apps, **ARGS)


class Migration(migrations.Migration):
    """Each stored logo becomes a library image (the file stays where it is) with the row's alt texts."""

    dependencies = [
        ("partners", "0006_partner_logo_library"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
