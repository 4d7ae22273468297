from django.db import migrations


def create(apps, schema_editor):
    from pages.home_content import create_home_page  # noqa: PLC0415 - the shared data, also used by the tests

    create_home_page(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_home_page")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
