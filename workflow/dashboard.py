"""The admin index's dashboard and its "Technical settings" section.

``dashboard(user)`` gathers the user's drafts, the drafts waiting for review, the scheduled
content and the content missing translations, in one query per section (the content sections
are a UNION over the Publishable models). ``app_list_with_technical_section`` moves the
technical models out of their apps into one section; it lists only what the user may see, so
Content editors, who have no permissions on these models, don't see it."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from finest.core import changelog
from finest.core.models import Publishable, PublishState
from finest.core.permissions import Actor, may_publish

from .models import Draft

SECTION_LIMIT = 20
TECHNICAL_MODELS = frozenset({
    "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog",
    "otp_totp.totpdevice", "otp_static.staticdevice",
    "partners.partnerapikey", "core.changelogentry",
})

# The third-party apps' and models' labels, from our own catalogues (the libraries ship no Finnish
# or Swedish, and django-otp's names are not marked for translation). Model Meta options set here
# are not in the models' ``original_attrs``, so their migrations are unaffected.
TECHNICAL_APP_LABELS = {
    "axes": pgettext_lazy("admin app", "Login protection"),
    "otp_totp": pgettext_lazy("admin app", "Two-factor authentication"),
    "otp_static": pgettext_lazy("admin app", "Two-factor backup codes"),
}
TECHNICAL_MODEL_LABELS = {
    "axes.accessattempt": (pgettext_lazy("admin model", "login attempt"), pgettext_lazy("admin model", "login attempts")),
    "axes.accesslog": (pgettext_lazy("admin model", "sign-in record"), pgettext_lazy("admin model", "sign-in records")),
    "axes.accessfailurelog": (pgettext_lazy("admin model", "failed login"), pgettext_lazy("admin model", "failed logins")),
    "otp_totp.totpdevice": (
        pgettext_lazy("admin model", "authenticator app (TOTP)"), pgettext_lazy("admin model", "authenticator apps (TOTP)"),
    ),
    "otp_static.staticdevice": (
        pgettext_lazy("admin model", "backup code list"), pgettext_lazy("admin model", "backup code lists"),
    ),
}

# Their fields' labels (the English msgid is the library's label: the migrations see no change).
TECHNICAL_FIELD_LABELS = {
    "user_agent": pgettext_lazy("admin field", "User Agent"),
    "ip_address": pgettext_lazy("admin field", "IP Address"),
    "http_accept": pgettext_lazy("admin field", "HTTP Accept"),
    "path_info": pgettext_lazy("admin field", "Path"),
    "attempt_time": pgettext_lazy("admin field", "Attempt Time"),
    "get_data": pgettext_lazy("admin field", "GET Data"),
    "post_data": pgettext_lazy("admin field", "POST Data"),
    "failures_since_start": pgettext_lazy("admin field", "Failed Logins"),
    "logout_time": pgettext_lazy("admin field", "Logout Time"),
    "session_hash": pgettext_lazy("admin field", "Session key hash (sha256)"),
    "locked_out": pgettext_lazy("admin field", "Access lock out"),
    "user": pgettext_lazy("admin field", "user"),
    "name": pgettext_lazy("admin field", "name"),
    "confirmed": pgettext_lazy("admin field", "confirmed"),
    "created_at": pgettext_lazy("admin field", "created at"),
    "last_used_at": pgettext_lazy("admin field", "last used at"),
}


def label_technical_models() -> None:
    """Give the technical apps and models their translated labels (once, from ``WorkflowConfig.ready``)."""
    for label, name in TECHNICAL_APP_LABELS.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for label, (singular, plural) in TECHNICAL_MODEL_LABELS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
        for field in model._meta.concrete_fields:
            label = TECHNICAL_FIELD_LABELS.get(field.name)
            with translation.override(None):
                same = label is not None and str(field.verbose_name) == str(label)
            if same:
                field.verbose_name = label


def publishable_models() -> list[type[models.Model]]:
    """The Publishable content models the change log records (every app's, a new one included)."""
    content = changelog.registered_content()
    return sorted(
        (model for model in apps.get_models() if issubclass(model, Publishable) and model._meta.label_lower in content),
        key=lambda model: model._meta.label_lower,
    )


def _name_field(model) -> str | None:
    """The default language's title (or name) column, or None for a model that has neither."""
    names = {field.name for field in model._meta.concrete_fields}
    return next((name for name in (f"title_{settings.LANGUAGE_CODE}", f"name_{settings.LANGUAGE_CODE}") if name in names), None)


def _union(build) -> list[dict]:
    """One query: ``build(model)`` for each Publishable model (a values() queryset or None), combined."""
    parts = [qs for model in publishable_models() if (qs := build(model)) is not None]
    if not parts:
        return []
    first, *rest = parts
    rows = list(first.union(*rest, all=True).order_by("moment")[:SECTION_LIMIT]) if rest else list(first.order_by("moment")[:SECTION_LIMIT])
    types = ContentType.objects.get_for_models(*publishable_models())
    by_id = {ct.pk: model for model, ct in types.items()}
    for row in rows:
        model = by_id.get(row["ct"])
        row["model"] = model._meta.verbose_name if model else ""
        row["admin_url"] = f"{model._meta.app_label}/{model._meta.model_name}/{row['pk']}/change/" if model else ""
    return rows


def _rows(model, condition: models.Q, moment):
    content_type = ContentType.objects.get_for_model(model)
    return (
        model._default_manager.filter(condition).order_by()
        .annotate(
            ct=models.Value(content_type.pk, output_field=models.IntegerField()),
            label=Cast(_name_field(model) or model._meta.pk.name, models.CharField()),
            moment=moment,
        )
        .values("pk", "ct", "label", "moment")
    )


def scheduled_content() -> list[dict]:
    now = timezone.now()
    return _union(lambda model: _rows(
        model,
        models.Q(state=PublishState.PUBLISHED) & (models.Q(published_at__gt=now) | models.Q(unpublish_at__gt=now)),
        models.F("published_at"),
    ))


def untranslated_content() -> list[dict]:
    """Published or draft content whose Finnish title (or name) has no Swedish or English one."""
    def build(model):
        name = _name_field(model)
        if name is None:
            return None
        base = name.rsplit("_", 1)[0]
        condition = ~models.Q(**{f"{base}_fi": ""}) & (models.Q(**{f"{base}_sv": ""}) | models.Q(**{f"{base}_en": ""}))
        return _rows(model, condition, models.F("modified_at"))

    return _union(build)


def dashboard(user) -> dict:
    actor = Actor.from_user(user)
    drafts = Draft.objects.select_related("content_type", "author")
    return {
        "my_drafts": list(drafts.filter(author=user)[:SECTION_LIMIT]),
        "waiting": list(drafts.submitted()[:SECTION_LIMIT]),
        "scheduled": scheduled_content(),
        "untranslated": untranslated_content(),
        "may_publish": may_publish(actor),
    }


def app_list_with_technical_section(original):
    def get_app_list(request, app_label=None):
        app_list = original(request, app_label)
        if app_label is not None:
            return app_list
        technical = []
        for app in app_list:
            keep = []
            for entry in app["models"]:
                model = entry.get("model")
                if model is not None and model._meta.label_lower in TECHNICAL_MODELS:
                    technical.append(entry)
                else:
                    keep.append(entry)
            app["models"] = keep
        app_list = [app for app in app_list if app["models"]]
        if technical:
            app_list.append({
                "name": _("Technical settings"),
                "app_label": "technical",
                "app_url": "",
                "has_module_perms": True,
                "models": sorted(technical, key=lambda entry: str(entry["name"])),
            })
        return app_list

    return get_app_list
