"""The open call page's hook: the apply link while the call is open, the statistics
once it has closed."""

from django import template
from django.conf import settings

from finest.core.models import Country

from .. import permissions, selectors, services

register = template.Library()


@register.inclusion_tag("applications/call_panel.html", takes_context=True)
def call_applications(context, call):
    call_form = services.form_of(call)
    is_open = call_form is not None and permissions.call_is_open(call)
    statistics = None
    if call_form is not None and call.deadline and not is_open and call.call_state == "closed":
        statistics = selectors.call_statistics(call)
        labels = dict(Country.choices)
        for row in statistics["by_country"]:
            row["label"] = labels.get(row["company_country"], row["company_country"] or "—")
    return {"call": call, "call_form": call_form, "is_open": is_open, "statistics": statistics}


@register.inclusion_tag("applications/privacy.html")
def applications_privacy():
    """The privacy notice's section on applications, with the configured retention."""
    return {
        "retention_days": settings.APPLICATIONS_RETENTION_DAYS,
        "attachment_days": settings.APPLICATIONS_ATTACHMENT_RETENTION_DAYS,
    }
