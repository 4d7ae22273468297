"""Content editors compose newsletter issues and follow their deliveries.

Subscribers, suppressions and rate-limit records are personal data and stay with
administrators (export and erasure), so editors get no permissions on them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content editors"
PERMISSIONS = (
    "add_newsletterissue", "change_newsletterissue", "delete_newsletterissue", "view_newsletterissue",
    "view_delivery",
)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="newsletter", codename__in=PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="newsletter", codename__in=PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_content_editors_group"),
        ("newsletter", "0002_subscriber_confirmation_mail"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
