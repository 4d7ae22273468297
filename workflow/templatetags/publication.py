"""``{% publication_banner obj %}``: the one banner that says what is true of a page's object
(a draft, scheduled, expired, changes waiting for review), on public pages and previews."""

from __future__ import annotations

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from finest.core.models import Publishable, PublishState

from ..models import DraftState

register = template.Library()


def _date(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


def _live_values(obj):
    """The stored state and dates: a preview applies the draft's values in memory, the banner
    tells what is true of the public page."""
    live = getattr(obj, "_workflow_live", None)
    if live is not None:
        return live
    return obj.state, obj.published_at, obj.unpublish_at


def _status(obj) -> str:
    state, published_at, unpublish_at = _live_values(obj)
    now = timezone.now()
    if state != PublishState.PUBLISHED:
        return _("Draft – not public")
    if unpublish_at is not None and unpublish_at <= now:
        return _("Expired on %(date)s") % {"date": _date(unpublish_at)}
    if published_at is not None and published_at > now:
        return _("Scheduled for %(date)s") % {"date": _date(published_at)}
    return ""


def banner_text(obj) -> str:
    """The banner's headline for ``obj``, or "" when the page shows exactly what is public: draft
    (never published or returned to draft), scheduled, expired, and for a published item with a
    pending draft, changes waiting (for review once submitted)."""
    if not isinstance(obj, Publishable):
        return ""
    status = _status(obj)
    draft = getattr(obj, "_workflow_draft", None)
    if draft is None or _live_values(obj)[0] != PublishState.PUBLISHED:
        if draft is not None and draft.state == DraftState.SUBMITTED:
            return _("Draft – not public, waiting for review")
        return status
    if draft.state == DraftState.SUBMITTED:
        changes = _("Changes waiting for review")
    else:
        changes = _("Changes waiting – the public page shows the published version")
    return f"{status} · {changes}" if status else changes


@register.inclusion_tag("workflow/publication_banner.html")
def publication_banner(obj):
    return {
        "text": banner_text(obj),
        "preview": getattr(obj, "_workflow_preview", False),
    }
