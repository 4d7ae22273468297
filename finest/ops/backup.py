"""What a content backup holds: every model except those Django rebuilds (content types, permissions)
and transient records (sessions, admin history, login attempts)."""

from django.apps import apps

# XML keeps timestamps to the microsecond; Django's JSON encoder cuts them to milliseconds.
CONTENT_FILE = "content.xml"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"

EXCLUDED_MODELS = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    # Derived from the content and rebuilt from it: the caches' versions (seeded by migrate) and the
    # search index (restore_content rebuilds it).
    "core.resourceversion",
    "searchindex",
)

# Rows that `migrate` itself creates in an empty database; they are not "content" when deciding emptiness.
_CREATED_BY_MIGRATE = frozenset({"auth.group"})


def _excluded(model) -> bool:
    label = model._meta.label_lower
    return model._meta.app_label in EXCLUDED_MODELS or label in EXCLUDED_MODELS


def backed_up_models() -> list:
    return [
        model
        for app_config in apps.get_app_configs()
        for model in app_config.get_models()
        if not _excluded(model) and model._meta.managed and not model._meta.proxy
    ]


def content_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.count() for model in backed_up_models()}


def has_content() -> bool:
    return any(
        model._base_manager.exists()
        for model in backed_up_models()
        if model._meta.label_lower not in _CREATED_BY_MIGRATE
    )
