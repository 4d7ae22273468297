"""The review groups: "Content editors" save drafts and submit them, "Publishers" hold
``workflow.publish_content`` (they publish, approve and reject) and everything editors may do.

Editors lose their view of the change log: it is a technical model, listed under "Technical
settings" for administrators only (workflow/dashboard.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Content editors"
PUBLISHERS = "Publishers"
DRAFT_PERMISSIONS = ("add_draft", "change_draft", "delete_draft", "view_draft")


def _ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    drafts = Permission.objects.filter(content_type__app_label="workflow", codename__in=DRAFT_PERMISSIONS)
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*drafts)
    editors.permissions.remove(*Permission.objects.filter(content_type__app_label="core", codename="view_changelogentry"))
    publishers, _created = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.add(
        *editors.permissions.all(),
        Permission.objects.get(content_type__app_label="workflow", codename="publish_content"),
    )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=PUBLISHERS).delete()
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(*Permission.objects.filter(content_type__app_label="workflow"))
        editors.permissions.add(*Permission.objects.filter(content_type__app_label="core", codename="view_changelogentry"))


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_draft"),
        ("core", "0002_content_editors_group"),
        ("newsletter", "0003_content_editors_compose_newsletters"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
