"""The "Content editors" group: add, change, delete and view on every content model.

Users, groups and partner API keys are left out on purpose: editors manage content,
not who may log in or call the API. The change log is view-only."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content editors"
ACTIONS = ("add", "change", "delete", "view")
CONTENT_MODELS = {
    "core": ("focusarea", "city"),
    "partners": ("partner", "contactperson"),
    "projects": (
        "fundingprogramme", "project", "projecttheme", "participation", "fundingsource",
        "workpackage", "budgetfigure", "externallink",
    ),
    "events": ("event", "speaker", "session"),
    "living_lab": ("opencall", "pilot", "kpi", "kpivalue"),
    "news": ("article",),
}
VIEW_ONLY_MODELS = {"core": ("changelogentry",)}


def _ensure_permissions(apps):
    # On a fresh database permissions are normally created after all migrations
    # (post_migrate); create them now so the group can refer to them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_group(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [(app, f"{action}_{model}") for app, models in CONTENT_MODELS.items() for model in models
                 for action in ACTIONS]
    codenames += [(app, f"view_{model}") for app, models in VIEW_ONLY_MODELS.items() for model in models]
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    permissions = []
    for app_label, codename in codenames:
        permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("partners", "0001_initial"),
        ("projects", "0001_initial"),
        ("events", "0001_initial"),
        ("living_lab", "0001_initial"),
        ("news", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
