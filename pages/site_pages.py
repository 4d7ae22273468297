"""The initial pages: the section entries of today's main menu and the four site pages, whose
bodies are rendered from the former templates in each language with settings as markers
(pages/body.py). The data migration and the tests' fixture both call ``create_site_pages``."""

from __future__ import annotations

import re

from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

# route, title msgid, parent route, template, in menu, in footer; in today's menu order.
SITE_PAGES = (
    ("projects:list", "Projects", None, None, True, False),
    ("partners:list", "Partners", None, None, True, False),
    ("events:list", "Events", None, None, True, False),
    ("living_lab:pilot-list", "Living Lab", None, None, True, False),
    ("news:list", "News", None, None, True, False),
    ("website:focus-area-list", "Focus areas", None, None, True, False),
    ("website:about", "About the Centre of Excellence", None, "website/about.html", True, False),
    ("website:contact", "Contact", "website:about", "website/contact.html", False, True),
    ("website:privacy", "Privacy notice", "website:about", "website/privacy.html", False, True),
    ("website:accessibility", "Accessibility statement", "website:about", "website/accessibility.html", False, True),
)
MENU_TITLES = {"website:about": "About"}

# Numbers no text contains, rendered in place of settings and then replaced by markers.
_SENTINELS = {
    "REGISTRATIONS_RETENTION_DAYS": (987651, "[registration-retention-days]"),
    "APPLICATIONS_RETENTION_DAYS": (987652, "[application-retention-days]"),
    "APPLICATIONS_ATTACHMENT_RETENTION_DAYS": (987653, "[application-attachment-retention-days]"),
}
_CONTEXT = {"CONTACT_EMAIL": "[contact-email]", "LOGIN_RECORD_RETENTION_DAYS": "[login-record-retention-days]"}


def render_body(template_name: str, language: str) -> str:
    """The content block of ``template_name`` in ``language``, without its heading (the page's title)."""
    template = get_template(template_name).template
    block = next(node for node in template.nodelist.get_nodes_by_type(BlockNode) if node.name == "content")
    with translation.override(language), override_settings(**{name: value for name, (value, _m) in _SENTINELS.items()}):
        context = Context(_CONTEXT, autoescape=True)
        with context.bind_template(template):
            html = block.nodelist.render(context)
    for value, marker in _SENTINELS.values():
        html = html.replace(str(value), marker)
    return re.sub(r"^\s*<h1>.*?</h1>\s*", "", html, flags=re.S).strip()


def _path_in(route: str, language: str) -> str:
    with translation.override(language):
        return reverse(route).removeprefix(f"/{language}/")


def create_site_pages(apps, schema_editor=None) -> None:
    Page = apps.get_model("pages", "Page")
    now = timezone.now()
    created = {}
    for position, (route, title, parent, template_name, in_menu, in_footer) in enumerate(SITE_PAGES, start=1):
        values = {
            "parent": created.get(parent),
            "position": position * 10,
            "show_in_menu": in_menu,
            "show_in_footer": in_footer,
            "state": "published",
            "published_at": now,
        }
        for code in settings.LANGUAGE_CODES:
            with translation.override(code):
                values[f"title_{code}"] = gettext(title)
                values[f"menu_title_{code}"] = gettext(MENU_TITLES[route]) if route in MENU_TITLES else ""
            path = _path_in(route, code)
            values[f"url_path_{code}"] = path
            values[f"slug_{code}"] = path.rstrip("/").rsplit("/", 1)[-1]
            values[f"body_{code}"] = render_body(template_name, code) if template_name else ""
        values["title"], values["slug"], values["url_path"] = values["title_fi"], values["slug_fi"], values["url_path_fi"]
        values["body"], values["menu_title"] = values["body_fi"], values["menu_title_fi"]
        existing = Page.objects.filter(route=route).first()
        if existing is None:
            created[route] = Page.objects.create(route=route, **values)
        else:
            created[route] = existing
