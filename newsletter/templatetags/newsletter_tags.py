from django import template
from django.urls import NoReverseMatch, reverse

from ..forms import SubscribeForm

register = template.Library()


@register.simple_tag
def newsletter_privacy_url() -> str:
    """The privacy notice the consent box links to (reversed at render time, in the page's language)."""
    try:
        return reverse("website:privacy")
    except NoReverseMatch:
        return ""


@register.inclusion_tag("newsletter/footer_form.html", takes_context=True)
def newsletter_footer_form(context):
    return {
        "form": SubscribeForm(auto_id="nl-footer-%s"),
        "prefix": "nl-footer-",
        "privacy_url": newsletter_privacy_url(),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
