from django import template

from ..dashboard import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_dashboard(context):
    return dashboard(context["request"].user)
