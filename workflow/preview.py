"""Signed preview links: ``/preview/<token>/`` renders an object's public page, in the token's
language, with its draft applied in memory. The token (django.core.signing) names the object and
the language and expires after ``PREVIEW_MAX_AGE_DAYS``; whoever has it may look, so it is shared
like a password and never cached or indexed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models
from django.http import Http404
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET

from .services import draft_apply, draft_for

SALT = "workflow.preview"


def preview_token(obj: models.Model, language: str) -> str:
    content_type = ContentType.objects.get_for_model(obj)
    return signing.dumps({"ct": content_type.pk, "pk": obj.pk, "lang": language}, salt=SALT, compress=True)


def preview_url(obj: models.Model, language: str) -> str:
    return reverse("workflow:preview", kwargs={"token": preview_token(obj, language)})


def preview_links(obj: models.Model) -> list[tuple[str, str]]:
    """(language name, URL) for each language."""
    return [(str(name), preview_url(obj, code)) for code, name in settings.LANGUAGES]


def _max_age() -> timedelta:
    return timedelta(days=settings.PREVIEW_MAX_AGE_DAYS)


@dataclass(frozen=True)
class Preview:
    """What ``finest.core.lookup.resolve_slug`` reads from ``request.preview``."""

    model: type[models.Model]
    pk: int
    language: str

    def apply(self, obj):
        obj._workflow_preview = True
        obj._workflow_live = (obj.state, obj.published_at, obj.unpublish_at)
        if draft := draft_for(obj):
            draft_apply(obj, draft)
            obj._workflow_draft = draft
        return obj


def read_token(token: str) -> Preview:
    """The preview a token names; Http404 for a forged, altered or expired one."""
    try:
        data = signing.loads(token, salt=SALT, max_age=_max_age())
        content_type = ContentType.objects.get_for_id(int(data["ct"]))
        pk, language = int(data["pk"]), str(data["lang"])
    except (signing.BadSignature, ContentType.DoesNotExist, KeyError, TypeError, ValueError) as error:
        raise Http404 from error
    model = content_type.model_class()
    if model is None or language not in settings.LANGUAGE_CODES:
        raise Http404
    return Preview(model=model, pk=pk, language=language)


@require_GET
def preview(request, token: str):
    target = read_token(token)
    obj = target.model._default_manager.filter(pk=target.pk).first()
    if obj is None or not hasattr(obj, "get_absolute_url"):
        raise Http404
    with translation.override(target.language):
        request.LANGUAGE_CODE = target.language
        try:
            match = resolve(obj.get_absolute_url())
        except Resolver404 as error:
            raise Http404 from error
        request.preview = target
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Language"] = target.language
    return response
