"""Finding a public object by its slug in any language, for detail views.

The canonical URL of an object uses its slug in the active language. A slug from
another language, or an old slug from the slug history, answers with a 301 to the
canonical URL, so the language switcher and old links always land on the object."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import translation

from .i18n import slug_for
from .models import SlugHistory
from .permissions import Actor, policy_for


def resolve_slug(request, queryset: models.QuerySet, slug: str):
    """Return ``(obj, None)`` for the canonical slug, ``(obj, redirect)`` for another
    known slug, and raise Http404 when the object does not exist or the model's
    permission policy does not let the reader see it (staff preview drafts).

    A preview (the workflow app's signed link) sets ``request.preview``: an object of this
    model, which is fetched through ``queryset`` and handed to ``request.preview.apply`` (the
    draft's values in memory) whatever its state or slug; the link is the permission."""
    preview = getattr(request, "preview", None)
    if preview is not None and preview.model is queryset.model:
        obj = queryset.filter(pk=preview.pk).first()
        if obj is None:
            raise Http404
        return preview.apply(obj), None
    actor = getattr(request, "actor", None) or Actor.from_user(getattr(request, "user", None))
    visible = policy_for(queryset.model).visible(actor, queryset)
    language = translation.get_language() or settings.LANGUAGE_CODE
    condition = models.Q()
    for code in settings.LANGUAGE_CODES:
        condition |= models.Q(**{f"slug_{code}": slug})
    obj = visible.filter(condition).first()
    if obj is None:
        history = SlugHistory.objects.filter(model_label=queryset.model._meta.label_lower, slug=slug).first()
        if history is None:
            raise Http404
        obj = visible.filter(pk=history.object_id).first()
        if obj is None:
            raise Http404
    if slug_for(obj, language) != slug:
        return obj, HttpResponsePermanentRedirect(obj.get_absolute_url())
    return obj, None
