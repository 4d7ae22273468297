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


def banner_text(obj) -> str:
    """The banner's headline for ``obj``, or "" when the page shows exactly what is public."""
    if not isinstance(obj, Publishable):
        return ""
    draft = getattr(obj, "_workflow_draft", None)
    if draft is not None:
        if draft.state == DraftState.SUBMITTED:
            return _("Changes waiting for review")
        return _("Draft – not public")
    now = timezone.now()
    if obj.state != PublishState.PUBLISHED:
        return _("Draft – not public")
    if obj.unpublish_at is not None and obj.unpublish_at <= now:
        return _("Expired on %(date)s") % {"date": _date(obj.unpublish_at)}
    if obj.published_at is not None and obj.published_at > now:
        return _("Scheduled for %(date)s") % {"date": _date(obj.published_at)}
    return ""


@register.inclusion_tag("workflow/publication_banner.html")
def publication_banner(obj):
    return {
        "text": banner_text(obj),
        "preview": getattr(obj, "_workflow_preview", False),
    }
