"""Content editors and publishers upload images into the library and pick them: the review
groups were made before this app, so neither could open the library in the admin.
No delete: one image may serve many items, and removing it would empty their pictures."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Content editors", "Publishers")
PERMISSIONS = ("add_image", "change_image", "view_image")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("medialibrary")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="medialibrary", codename__in=PERMISSIONS))
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="medialibrary", codename__in=PERMISSIONS))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("medialibrary", "0001_initial"),
        ("workflow", "0002_review_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
