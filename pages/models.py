"""Editable pages: a tree whose slugs give each page its path in every language, and the
"route pages" that stand for a fixed URL of the site (About, Contact, the section lists)
so the main menu and the footer come from the tree alone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from tree_queries.models import OrderableTreeNode
from tree_queries.query import TreeQuerySet

from finest.core.i18n import TranslatedSlugMixin, raw_value
from finest.core.models import Publishable, PublishableQuerySet
from finest.core.richtext import RichTextField
from searchindex.querysets import SearchableQuerySet


class Route(models.TextChoices):
    """Fixed URLs of the site that a page stands for. The first four are the site pages whose
    body is edited here and shown at their old URL; the others are menu entries for sections."""

    ABOUT = "website:about", _("About")
    CONTACT = "website:contact", _("Contact")
    PRIVACY = "website:privacy", _("Privacy notice")
    ACCESSIBILITY = "website:accessibility", _("Accessibility statement")
    PROJECTS = "projects:list", _("Projects")
    PARTNERS = "partners:list", _("Partners")
    EVENTS = "events:list", _("Events")
    LIVING_LAB = "living_lab:pilot-list", _("Living Lab")
    NEWS = "news:list", _("News")
    FOCUS_AREAS = "website:focus-area-list", _("Focus areas")


# The site pages: their body is this app's content, they cannot be deleted.
SITE_PAGE_ROUTES = frozenset({Route.ABOUT, Route.CONTACT, Route.PRIVACY, Route.ACCESSIBILITY})


class PageQuerySet(SearchableQuerySet, PublishableQuerySet, TreeQuerySet):
    search_fields = ("title", "body")

    def in_menu(self):
        return self.filter(show_in_menu=True)

    def in_footer(self):
        return self.filter(show_in_footer=True)

    def at_path(self, path: str, language: str):
        return self.filter(**{f"url_path_{language}": path})


class Page(TranslatedSlugMixin, OrderableTreeNode, Publishable):
    title = models.CharField(_("title"), max_length=255)
    menu_title = models.CharField(
        _("menu title"), max_length=80, blank=True, help_text=_("A shorter title for the menu. Left empty, the title is used.")
    )
    slug = models.SlugField(_("slug"), max_length=120, blank=True, null=True)
    body = RichTextField(_("body"), blank=True)
    seo_description = models.CharField(
        _("description for search engines"), max_length=300, blank=True,
        help_text=_("One or two sentences shown in search results and link previews."),
    )
    show_in_menu = models.BooleanField(_("show in the main menu"), default=False)
    show_in_footer = models.BooleanField(_("show in the footer"), default=False)
    route = models.CharField(
        _("fixed address"), max_length=40, choices=Route.choices, blank=True, null=True, unique=True, editable=False,
        help_text=_("The page stands for this address of the site; its slug does not change the address."),
    )
    # The path below the language prefix, from the ancestors' slugs ("about/team/"); kept by save().
    url_path = models.CharField(_("path"), max_length=1000, blank=True, editable=False, db_index=True)

    objects = PageQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title or self.title_fi or ""

    @property
    def is_site_page(self) -> bool:
        return self.route in SITE_PAGE_ROUTES

    @property
    def link_title(self) -> str:
        return self.menu_title or self.title

    def get_absolute_url(self) -> str:
        language = translation.get_language() or settings.LANGUAGE_CODE
        if self.route:
            try:
                return reverse(self.route)
            except NoReverseMatch:
                return ""
        path = raw_value(self, "url_path", language) or raw_value(self, "url_path", settings.LANGUAGE_CODE)
        return reverse("pages:page", kwargs={"path": path})

    def computed_paths(self) -> dict[str, str]:
        """{language: path} from the parent's stored paths and this page's slugs."""
        parent = type(self)._default_manager.filter(pk=self.parent_id).first() if self.parent_id else None
        paths = {}
        for code in settings.LANGUAGE_CODES:
            slug = raw_value(self, "slug", code) or raw_value(self, "slug", settings.LANGUAGE_CODE) or str(self.pk)
            prefix = raw_value(parent, "url_path", code) if parent else ""
            paths[code] = f"{prefix}{slug}/"
        return paths

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.refresh_paths()

    def refresh_paths(self) -> None:
        """Store this page's paths and its descendants'; a changed path goes to the slug
        history so the old address answers with a 301."""
        from finest.core.models import SlugHistory  # noqa: PLC0415 - avoids a cycle at import

        manager = type(self)._default_manager
        paths = self.computed_paths()
        changed = {}
        for code, path in paths.items():
            old = raw_value(self, "url_path", code)
            if old != path:
                if old:
                    SlugHistory.objects.update_or_create(
                        model_label=self._meta.label_lower, language=code, slug=old[:255],
                        defaults={"object_id": self.pk},
                    )
                changed[f"url_path_{code}"] = path
                setattr(self, f"url_path_{code}", path)
        if not changed:
            return
        manager.filter(pk=self.pk).update(**changed)
        for child in manager.filter(parent_id=self.pk):
            child.refresh_paths()
