from django.db import migrations


def create(apps, schema_editor):
    from pages.site_pages import create_site_pages  # noqa: PLC0415 - the shared function, also used by the tests

    create_site_pages(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_page_tree")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
