"""Content editors and publishers edit the pages: the review groups were made before this app,
so neither held a permission on it and an editor could not open the pages in the admin.
Whether a page may be deleted (route pages never) and who publishes stays with the policy."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Content editors", "Publishers")
PERMISSIONS = ("add_page", "change_page", "delete_page", "view_page")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="pages", codename__in=PERMISSIONS))
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="pages", codename__in=PERMISSIONS))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_home_page_content"),
        ("workflow", "0002_review_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
